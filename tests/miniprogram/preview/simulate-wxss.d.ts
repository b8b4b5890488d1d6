/** miniprogram-simulate's WXSS step (src/wxss.js of the pinned 1.6.2), reused for snapshots. */
declare module 'miniprogram-simulate/src/wxss' {
  /** The file's WXSS with its @imports inlined ('' if missing). */
  export function getContent(filePath: string): string;
  /** Prefixes class selectors with `<prefix>--` (as simulate renders classes) and minifies. */
  export function compile(wxss: string, options: { prefix: string }): string;
}
