import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The NHS.UK stylesheet loads the Frutiger web font from assets.nhs.uk and its icons from an
 * absolute /assets path. The Content-Security-Policy allows fonts from this origin only, and the
 * font is licensed to the NHS, so Liaison does not serve a copy: the @font-face rules are dropped
 * (the stylesheet falls back to Arial) and the icons are bundled from the package instead.
 */
function nhsukStylesForStrictCsp(): Plugin {
  return {
    name: 'liaison:nhsuk-styles-for-strict-csp',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/nhsuk-frontend\/dist\/.*\.css$/.test(id.split('?')[0] ?? '')) return null;
      return (
        code
          .replace(/@font-face\s*\{[^}]*\}/g, '')
          // The package's source map is not bundled, so the reference to it would only fetch a 404.
          .replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '')
          .replaceAll('url(/assets/images/', 'url(./assets/images/')
      );
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [nhsukStylesForStrictCsp(), react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The NHS.UK stylesheet comes minified, and it holds an old Internet Explorer hack
    // (`@media screen\0`) that Lightning CSS's minifier refuses to parse.
    cssMinify: false,
    // No inline script may be emitted: the Content-Security-Policy is script-src 'self'.
    modulePreload: { polyfill: false },
  },
  server: {
    // `npm run dev` serves the API on port 3000; the Vite dev server forwards to it.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
