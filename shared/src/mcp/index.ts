/** MCP connectors for Copilot Studio, client side (Test panel, CLI): session, constraints, form. */
export * from './agenticProtocol';
export * from './connectorFetch';
export * from './constraints';
export * from './inspect';
export * from './session';
export * from './toolForm';
