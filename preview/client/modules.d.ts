/** Modules the preview's build generates from the package metadata. */
declare module 'preview/components' {
  /** `c:<name>` of every package component with a template. */
  export const componentNames: readonly string[];
  /** The component's constructor, loaded on demand. */
  export function loadComponent(name: string): Promise<unknown>;
}
