// Parameters of main.bicep. The two secrets are never written here: pass them at deployment
// (-p sendGridApiKey=... adminKey=..., which override the values below) or through the environment variables
// WORKFLOWS_SENDGRID_API_KEY and WORKFLOWS_ADMIN_KEY. Left empty, the deployment is refused by the template's
// minimum lengths before anything is created.
using 'main.bicep'

param baseName = 'workflow'

param emailFromAddress = 'congress@example.org'

param emailFromName = 'Congress governance'

param taskHubName = 'Workflows'

param sendGridApiKey = readEnvironmentVariable('WORKFLOWS_SENDGRID_API_KEY', '')

param adminKey = readEnvironmentVariable('WORKFLOWS_ADMIN_KEY', '')
