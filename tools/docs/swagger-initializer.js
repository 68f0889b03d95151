// Shop's /docs/ page: nginx serves this file in place of swagger-ui-dist's own swagger-initializer.js (which
// points at the petstore), beside the package's index.html, and openapi/openapi.yaml as /docs/openapi.yaml.
// Everything comes from this origin: no CDN, no validator badge, and "Try it out" calls the shop that
// serves the page (the description's server is "/").
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: 'openapi.yaml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
    validatorUrl: null,
    queryConfigEnabled: false,
    displayRequestDuration: true,
    defaultModelsExpandDepth: 0,
  });
};
