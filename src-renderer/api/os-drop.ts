/**
 * Files dropped from the OS carry no path in a sandboxed renderer; Electron's preload can
 * resolve them with `webUtils.getPathForFile`. When the bridge offers that (as
 * `pathForFile`), drops from the desktop become uploads; in web mode there is no path to
 * read, and the caller says so.
 */
interface PathResolvingBridge {
  pathForFile(file: File): string;
}

function hasPathForFile(bridge: unknown): bridge is PathResolvingBridge {
  return (
    typeof bridge === 'object' &&
    bridge !== null &&
    typeof (bridge as { pathForFile?: unknown }).pathForFile === 'function'
  );
}

/** Absolute local paths of dropped files, or null when this window cannot know them. */
export function pathsOfDroppedFiles(files: FileList): string[] | null {
  const bridge: unknown = window.ferry;
  if (!hasPathForFile(bridge)) return null;
  const paths: string[] = [];
  for (const file of Array.from(files)) {
    const path = bridge.pathForFile(file);
    if (path) paths.push(path);
  }
  return paths;
}
