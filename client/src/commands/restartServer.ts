import type { CommandSpec } from './registry';

export const restartServer: CommandSpec = {
  id: 'connectorStudio.restartServer',
  title: 'Restart Language Server',
  run: async (services) => {
    services.log.info('Restarting the language server.');
    await services.client.restart();
    return true;
  },
};
