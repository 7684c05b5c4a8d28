export { organizationRoutes } from './routes.js';
export { getOrganization, registerOrganization, seedOrganizations } from './service.js';
export { findOrganizationByName } from './store.js';
