import { writeFileSync } from 'node:fs';
import { drawColorIcon, drawOutlineIcon } from './app-package/icons';

/**
 * `npm run icons`: redraws appPackage/color.png and appPackage/outline.png. The committed icons are
 * this script's output; change the drawing in scripts/app-package/icons.ts, not the PNG files.
 */
const appPackageDir = new URL('../appPackage/', import.meta.url);
writeFileSync(new URL('color.png', appPackageDir), drawColorIcon());
writeFileSync(new URL('outline.png', appPackageDir), drawOutlineIcon());
console.log('appPackage/color.png (192×192) と appPackage/outline.png (32×32) を書き出しました。');
