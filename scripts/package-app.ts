import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppPackageError, buildAppPackage } from './app-package/build-package';
import { EnvFileError, readEnvFiles } from './app-package/env-files';

/**
 * `npm run package -- <env>` (e.g. `npm run package -- dev`): builds the Teams app package
 * appPackage/build/appPackage.<env>.zip from appPackage/ and the values in env/.env.<env> (and
 * env/.env.<env>.user), the way the Agents Toolkit's teamsApp/zipAppPackage does, and validates it
 * offline against Microsoft's schemas. Upload the zip in Teams admin center or Teams (sideloading).
 */

const usage = `使い方 / usage: npm run package -- <環境名 / env>   例 / e.g. npm run package -- dev
  env/.env.<env> の値で appPackage/build/appPackage.<env>.zip を作ります。`;

const rootDir = fileURLToPath(new URL('..', import.meta.url));

const main = async () => {
  const [envName, ...rest] = process.argv.slice(2);
  if (!envName || rest.length > 0 || envName.startsWith('-')) {
    console.error(usage);
    process.exit(2);
  }
  const values = readEnvFiles(rootDir, envName);
  const built = await buildAppPackage({ appPackageDir: `${rootDir}/appPackage`, values });
  const buildDir = `${rootDir}/appPackage/build`;
  mkdirSync(buildDir, { recursive: true });
  const zipPath = `${buildDir}/appPackage.${envName}.zip`;
  writeFileSync(zipPath, built.zip);
  writeFileSync(`${buildDir}/manifest.${envName}.json`, built.manifestText);
  console.log(
    `アプリ パッケージを作成しました / app package written: appPackage/build/appPackage.${envName}.zip`,
  );
  console.log(
    `  ${built.fileNames.join(', ')} (manifest ${built.manifest.manifestVersion}, app id ${built.manifest.id})`,
  );
};

main().catch((error: unknown) => {
  if (error instanceof AppPackageError) {
    console.error('アプリ パッケージを作成できませんでした / the app package was not built.');
    console.error(error.message);
  } else if (error instanceof EnvFileError) {
    console.error(`環境ファイルを読めませんでした / ${error.message}`);
    console.error(usage);
  } else {
    console.error(error);
  }
  process.exit(1);
});
