import { existsSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import type { Diagnostic, Release } from "../release/model.ts";

/**
 * The file a release's `image` names: a path starting with `assets/` is taken from the project
 * folder, any other path from the release file's folder (`photo.jpg` next to `releases/2026/x.txt`
 * is `releases/2026/photo.jpg`). Returns the absolute path, or a diagnostic naming the release
 * file and the path when the file is missing or outside the project.
 *
 * @example locateImage({ file: "releases/2026/x.txt", image: "photo.jpg" }, "/site") // → { file: "/site/releases/2026/photo.jpg" }
 */
export function locateImage(release: Pick<Release, "file" | "image">, root: string): { file: string } | { problem: Diagnostic } {
  const image = release.image ?? "";
  const problem = (message: string, hint: string) => ({ problem: { file: release.file, severity: "error" as const, message, hint } });
  if (/^[a-z][a-z0-9+.-]*:/i.test(image)) {
    return problem(
      `image "${image}" is a web address; Bayan only publishes images from the project`,
      "download the image next to the release file and give its file name",
    );
  }
  const relative = image.replace(/\\/g, "/");
  const base = relative.startsWith("assets/") ? root : path.dirname(path.resolve(root, release.file));
  const file = path.resolve(base, relative);
  const shown = path.relative(root, file).split(path.sep).join("/");
  if (path.isAbsolute(relative) || shown.startsWith("../")) {
    return problem(`image "${image}" points outside the project`, "put the image next to the release file or under assets/ and give that path");
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    return problem(
      `image "${image}" was not found (looked for ${shown})`,
      "put the image next to the release file, or give a path starting with assets/; check the spelling and the letter case",
    );
  }
  const outside = linkedOutside(file, root);
  if (outside) {
    return problem(
      `image "${image}" is a link to ${outside}, outside the project; Bayan publishes only files inside the project folder`,
      "copy the image into the project (next to the release file or under assets/) instead of linking to it",
    );
  }
  return { file };
}

/**
 * Where `file` really is when a symbolic link (of the file or of a folder on its way) takes it
 * outside the project folder `root`, else undefined.
 */
export function linkedOutside(file: string, root: string): string | undefined {
  const real = realpathSync(file);
  const relative = path.relative(realpathSync(root), real);
  return relative.startsWith("..") || path.isAbsolute(relative) ? real : undefined;
}
