// Starts swagger-ui (loaded before this module by a classic deferred script) on the API's own description.
declare const SwaggerUIBundle: (options: { url: string; dom_id: string; deepLinking: boolean }) => unknown;

SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger', deepLinking: true });
