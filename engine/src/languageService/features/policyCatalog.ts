// Policy templates of apiProperties.json (policyTemplateInstances): ids, titles, parameters and docs,
// for completion and hover (after Microsoft Learn's policy template pages).
export interface PolicyTemplateDoc {
  id: string;
  title: string;
  doc: string;
  parameters: { name: string; doc: string }[];
}

const OPERATIONS = { name: 'x-ms-apimTemplate-operationName', doc: 'The operationIds this policy applies to (all operations when omitted).' };
const EXISTS = { name: 'x-ms-apimTemplateParameter.existsAction', doc: 'What to do when the value already exists: `override`, `skip`, `append` or `delete`.' };

export const POLICY_TEMPLATES: PolicyTemplateDoc[] = [
  { id: 'dynamichosturl', title: 'Set host URL', doc: 'Replaces the request host with a URL built from connection parameters, e.g. `https://@connectionParameters(\'instance\').contoso.com`.', parameters: [{ name: 'x-ms-apimTemplateParameter.urlTemplate', doc: 'The new base URL; may use @connectionParameters(\'name\').' }, OPERATIONS] },
  { id: 'routerequesttoendpoint', title: 'Route request', doc: 'Sends the request to another path or endpoint.', parameters: [{ name: 'x-ms-apimTemplateParameter.newPath', doc: 'The new path, may use @connectionParameters and @queryParameters.' }, { name: 'x-ms-apimTemplateParameter.httpMethod', doc: 'HTTP method to use instead.' }, OPERATIONS] },
  { id: 'setheader', title: 'Set HTTP header', doc: 'Sets a request or response header.', parameters: [{ name: 'x-ms-apimTemplateParameter.name', doc: 'Header name.' }, { name: 'x-ms-apimTemplateParameter.value', doc: 'Header value; may use @connectionParameters, @headers and @queryParameters.' }, EXISTS, { name: 'x-ms-apimTemplate-policySection', doc: '`Request` or `Response`.' }, OPERATIONS] },
  { id: 'setqueryparameter', title: 'Set query string parameter', doc: 'Sets a query string parameter of the request.', parameters: [{ name: 'x-ms-apimTemplateParameter.name', doc: 'Parameter name.' }, { name: 'x-ms-apimTemplateParameter.value', doc: 'Value; may use @connectionParameters.' }, EXISTS, OPERATIONS] },
  { id: 'setproperty', title: 'Set property', doc: 'Sets a property of the request or response body.', parameters: [{ name: 'x-ms-apimTemplateParameter.newPropertyParentPathTemplate', doc: 'Path of the parent object, e.g. @body().' }, { name: 'x-ms-apimTemplateParameter.newPropertySubPathTemplate', doc: 'Name of the property to set.' }, { name: 'x-ms-apimTemplateParameter.propertyValuePathTemplate', doc: 'The value, e.g. {@body().a}.' }, { name: 'x-ms-apimTemplate-policySection', doc: '`Request` or `Response`.' }, OPERATIONS] },
  { id: 'stringtoarray', title: 'Convert delimited string into array', doc: 'Splits a string property into an array of objects.', parameters: [{ name: 'x-ms-apimTemplateParameter.propertyParentPath', doc: 'Parent of the string property.' }, { name: 'x-ms-apimTemplateParameter.delimiterList', doc: 'Delimiters.' }, { name: 'x-ms-apimTemplateParameter.childPropertyName', doc: 'Property name in each item.' }, { name: 'x-ms-apimTemplateParameter.newPropertyPath', doc: 'Where to write the array.' }, OPERATIONS] },
  { id: 'stringreplace', title: 'Replace string', doc: 'Replaces text in a string property.', parameters: [{ name: 'x-ms-apimTemplateParameter.propertyParentPath', doc: 'Parent of the property.' }, { name: 'x-ms-apimTemplateParameter.sourceString', doc: 'Text to find.' }, { name: 'x-ms-apimTemplateParameter.replacementString', doc: 'Replacement.' }, { name: 'x-ms-apimTemplateParameter.newPropertyPath', doc: 'Where to write the result.' }, OPERATIONS] },
  { id: 'setvaluefromurl', title: 'Set value from URL', doc: 'Fetches a value from a URL and puts it into the request.', parameters: [{ name: 'x-ms-apimTemplateParameter.parameterTemplate', doc: 'Where to put the value.' }, { name: 'x-ms-apimTemplateParameter.parameterValueUrl', doc: 'URL to call.' }, { name: 'x-ms-apimTemplateParameter.parameterValuePathTemplate', doc: 'Path of the value in the response.' }, { name: 'x-ms-apimTemplateParameter.httpMethod', doc: 'GET, POST or PUT.' }, OPERATIONS] },
  { id: 'updatenextlink', title: 'Update next link', doc: 'Rewrites a paging link in the response so it goes through the connector.', parameters: [{ name: 'x-ms-apimTemplate-nextLinkPropertyName', doc: 'The next-link property name.' }, OPERATIONS] },
  { id: 'setconnectionstatustounauthenticated', title: 'Set connection status to unauthenticated', doc: 'Marks the connection as needing sign-in when the backend answers with the given status.', parameters: [{ name: 'x-ms-apimTemplateParameter.statusCode', doc: 'HTTP status code, e.g. 401.' }, OPERATIONS] },
  { id: 'convertarraytoobject', title: 'Convert array to object', doc: 'Converts an array into an object.', parameters: [OPERATIONS] },
  { id: 'convertobjecttoarray', title: 'Convert object to array', doc: 'Converts an object into an array.', parameters: [OPERATIONS] },
  { id: 'pollingtrigger', title: 'Polling trigger', doc: 'Routes polling trigger state.', parameters: [OPERATIONS] },
];
