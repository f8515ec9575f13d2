const { Testing } = require('cdktf');
Testing.setupJest();

// npm test runs every property with one fixed seed, so a run is reproducible and never flaky;
// `npm run fuzz` (or FC_SEED=<n> npx jest ...) explores others. A property with its own seed keeps it.
require('fast-check').configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261130) });
