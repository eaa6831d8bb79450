/** The API's version, as the OpenAPI document and seed 003's health check report it. */
export const API_VERSION = "0.1.0";
