import { configSection, optional } from '../core/config-section.js';

// === Reference data: the service catalogue and the stations, each a file replacing the seed

export const referenceDataConfig = configSection({
  vars: {
    CATALOGUE_FILE: optional,
    STATIONS_FILE: optional,
  },
  read: (e) => ({ catalogueFile: e.CATALOGUE_FILE, stationsFile: e.STATIONS_FILE }),
});
