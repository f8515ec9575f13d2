/**
 * Provider packages are optional peers (a Google-only app need not install the Kubernetes
 * provider, and the other way round), so the constructs load provider classes on first use
 * instead of at `require` time of this package. A missing peer becomes one clear error naming
 * the construct that needs it and the install command.
 */
export function requirePeer<T>(peer: string, range: string, subpath: string, user: string): T {
  const id = `${peer}/${subpath}`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose (optional peer)
    return require(id) as T;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (err.code === 'MODULE_NOT_FOUND' && String(err.message).includes(`'${peer}`)) {
      throw new Error(
        `${user} needs the optional peer dependency ${peer}, which is not installed; ` +
          `fix: npm install ${peer}@${range}`,
      );
    }
    throw e;
  }
}
