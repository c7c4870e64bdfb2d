// Whether a folder can receive an import: the importer writes apiDefinition.swagger.json, so a
// folder whose connector is defined in another file (YAML, or another *.swagger.json) would end up
// with two definitions side by side, the new one silently ignoring the author's.
const OTHER_DEFINITION = /^(apiDefinition\.swagger\.ya?ml|.+\.swagger\.(json|ya?ml))$/i;

/** Definition files in a folder other than apiDefinition.swagger.json (names as given). */
export function otherDefinitionFiles(fileNames: readonly string[]): string[] {
  return fileNames.filter((n) => n !== 'apiDefinition.swagger.json' && OTHER_DEFINITION.test(n)).sort();
}

/** Why an import may not write into a folder holding these files; undefined when it may. */
export function importTargetProblem(fileNames: readonly string[]): string | undefined {
  const others = otherDefinitionFiles(fileNames);
  if (!others.length) return undefined;
  const yaml = others.some((n) => /\.ya?ml$/i.test(n));
  return `The folder already holds a connector definition in ${others.join(', ')}; importing would write a second definition (apiDefinition.swagger.json) beside it.${yaml ? ' Convert the YAML definition to JSON first (Connector Studio: Convert Definition to JSON), or import' : ' Import'} into another folder.`;
}
