// Bundles the web app into the gateway's wwwroot: app.js (the modules and the centrifuge SDK, one ES module),
// app.css, index.html, and the licences of the bundled npm packages. Everything comes from npm; nothing is loaded
// from a CDN at run time.
//
//   node build.mjs [outdir]    default: ../services/edge/gateway/wwwroot
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = resolve(here, process.argv[2] ?? '../services/edge/gateway/wwwroot');

/** The licence texts of the npm packages whose code ended up in the bundle. */
async function thirdPartyNotices(metafile) {
  const packages = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) {
      packages.add(match[1]);
    }
  }
  const notices = [];
  for (const name of [...packages].sort()) {
    const folder = join(here, 'node_modules', name);
    const { version } = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8'));
    const licence = (await readdir(folder)).find((file) => /^licen[cs]e/i.test(file));
    const text = licence ? await readFile(join(folder, licence), 'utf8') : '(no licence file in the package)';
    notices.push(`${name} ${version}\n${'-'.repeat(name.length + version.length + 1)}\n${text.trim()}\n`);
  }
  return `Third-party software bundled in app.js\n\n${notices.join('\n')}`;
}

// Built beside the target and moved into place at the end, so a server (or a second build) never reads half a bundle.
const staging = join(dirname(outdir), `.${basename(outdir)}-${process.pid}`);
await rm(staging, { recursive: true, force: true });
await mkdir(staging, { recursive: true });
const result = await build({
  entryPoints: [{ in: resolve(here, 'src/main.js'), out: 'app' }, { in: resolve(here, 'src/app.css'), out: 'app' }],
  outdir: staging,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome110', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
await writeFile(join(staging, 'third-party-notices.txt'), await thirdPartyNotices(result.metafile));
// Last, so its time stamp tells MSBuild the bundle is complete (the gateway's incremental build compares it).
await copyFile(resolve(here, 'src/index.html'), join(staging, 'index.html'));
await rm(outdir, { recursive: true, force: true });
await rename(staging, outdir);
console.log(`web app built into ${outdir}`);
