// The part of fontkit 2.x the letters use; the package ships no types.
declare module 'fontkit' {
  export function create(buffer: Uint8Array): object;
}
