import type { CommandSpec } from './registry';

export const showOutput: CommandSpec = {
  id: 'connectorStudio.showOutput',
  title: 'Show Output',
  run: (services) => {
    services.output.show(true);
    services.log.info('Output shown.');
    return true;
  },
};
