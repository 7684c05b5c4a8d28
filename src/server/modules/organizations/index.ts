export { organizationRoutes } from './routes.js';
export { getOrganization, registerOrganization, seedOrganizations } from './service.js';
export { findOrganization, findOrganizationByName } from './store.js';
