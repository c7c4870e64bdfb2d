// The readme.md sections certification asks for (templates of the public connectors repository).
export const README_SECTIONS = [
  { id: 'publisher', heading: 'Publisher', match: /^publisher\b/i },
  { id: 'prerequisites', heading: 'Prerequisites', match: /^pre-?requisites?\b/i },
  { id: 'operations', heading: 'Supported Operations', match: /^supported (operations|actions)|^(operations|actions)( and triggers)?$/i },
  { id: 'credentials', heading: 'Obtaining Credentials', match: /^(obtaining|getting|how to get) credentials?|^credentials?$|^authentication$/i },
  { id: 'knownIssues', heading: 'Known Issues and Limitations', match: /^known (issues|limitations)/i },
  { id: 'deployment', heading: 'Deployment Instructions', match: /^deployment( instructions)?/i },
] as const;

export type ReadmeSectionId = (typeof README_SECTIONS)[number]['id'];
/** Sections a readme must have; Deployment Instructions is recommended, not required. */
export const REQUIRED_README_SECTIONS: readonly ReadmeSectionId[] = ['publisher', 'prerequisites', 'operations', 'credentials', 'knownIssues'];
