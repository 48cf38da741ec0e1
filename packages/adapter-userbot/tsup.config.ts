import { defineConfig } from 'tsup';

export default defineConfig({
  // bin.ts is `npx anonboard-userbot login`.
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'node20',
});
