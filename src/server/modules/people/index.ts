export { peopleRoutes } from './routes.js';
export { searchPeople, getPerson, createPerson, unmaskPerson } from './service.js';
export type { PeopleTables, PersonRow, HouseholdRow } from './tables.js';
export { loadResidents, type ResidentToLoad } from './load.js';
export { countsByLeaf as countResidentsByLeaf } from './store.js';
export { importPeople, PEOPLE_COLUMNS, type ImportOutcome } from './import.js';
export { exportPeople } from './export.js';
export { importPeopleFromCli, exportPeopleFromCli } from './cli.js';
