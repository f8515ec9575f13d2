import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const barrelMessage =
  "Import provider classes by deep path ('@cdktf/provider-google/lib/<resource>'): the barrel loads every resource (~3 s, ~460 MB per process).";

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'build/',
      'dist-packages/',
      'cdktf.out/',
      '.gen/',
      'coverage/',
      'reports/',
      '.stryker-tmp/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@cdktf/provider-google', message: barrelMessage },
            { name: '@cdktf/provider-kubernetes', message: barrelMessage },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The providers are optional peers: the library loads their classes on first use
    // (lib/gcp/google-provider.ts, lib/k8s/kubernetes-provider.ts), never at require time.
    files: ['lib/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@cdktf/provider-*'],
              allowTypeImports: true,
              message:
                'Providers are optional peers: use `import type` here and load the class with googleModule()/kubernetesModule().',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests and the review tool read Terraform JSON (synth output, plans), which is untyped by nature.
    files: [
      '__tests__/**/*.ts',
      'fuzz/**/*.ts',
      'lib/review/**/*.ts',
      'lib/checks/**/*.ts',
      'lib/terraform/**/*.ts',
      'lib/k8s/pod-security-rules.ts',
    ],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
