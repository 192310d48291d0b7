// Import rules of the house, checked in CI by `npm run lint:deps` (dependency-cruiser).
// The picture: flows/ and src/texts/ at the bottom; src/core/ knows no domain, flow or channel;
// src/domain/ uses core (people and volunteers below dispatch, events and broadcasts); channels use core only;
// src/http/ is the HTTP wing (Hono): it knows core only, and channels and the app add routes to it;
// src/app.ts composes everything; src/main.ts runs it; src/cli/ holds the operators' programs and their runner;
// src/config.ts composes the configuration's sections (src/config/, src/channels/<name>/config.ts).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Files that import each other cannot be understood or tested alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'texts-import-nothing',
      severity: 'error',
      comment: 'src/texts holds the words people read and imports nothing, so wording can be reviewed alone.',
      from: { path: '^src/texts/' },
      to: { pathNot: '^src/texts/' },
    },
    {
      name: 'flows-are-pure',
      severity: 'error',
      comment: 'A flow imports xstate, src/texts and types of src/core only: no database, channel, scheduler or domain.',
      from: { path: '^flows/' },
      to: { pathNot: '^(flows/|src/texts/|src/core/)|node_modules/xstate/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'flows-use-core-types-only',
      severity: 'error',
      comment: 'From src/core a flow takes types (the message model), never values.',
      from: { path: '^flows/' },
      to: { path: '^src/core/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-flow-imports-another-flow',
      severity: 'error',
      comment: 'A flow shares code only through flows/common/.',
      from: { path: '^flows/([a-z-]+)\\.' },
      to: { path: '^flows/[a-z-]+\\.', pathNot: '^flows/$1\\.' },
    },
    {
      name: 'core-knows-no-domain-flow-or-channel',
      severity: 'error',
      comment: 'What core needs from the domain comes through the ports it defines (src/core/ports.ts).',
      from: { path: '^src/core/' },
      to: { path: '^(src/(domain|channels|scheduler|app|http)|flows/|src/app\\.ts|src/main\\.ts)' },
    },
    {
      name: 'domain-uses-core-not-channels-or-flows',
      severity: 'error',
      comment: 'The domain is plain functions over the database; it never imports channels, flows, the HTTP wing or the app.',
      from: { path: '^src/domain/' },
      to: { path: '^(src/(channels|scheduler|app|http)|flows/|src/app\\.ts|src/main\\.ts)' },
    },
    {
      name: 'people-and-volunteers-below-the-features',
      severity: 'error',
      comment:
        'People (roles, the audit log) and volunteers are what dispatch, events and broadcasts build on: they never import those features (nor requests or the calendar).',
      from: { path: '^src/domain/(people|volunteers)/' },
      to: { path: '^src/domain/(dispatch|events|broadcasts|requests|calendar)/' },
    },
    {
      name: 'commands-registry-below-the-features',
      severity: 'error',
      comment: 'The command registry (src/domain/commands/) is what dispatch, events and broadcasts declare their commands in: it never imports them.',
      from: { path: '^src/domain/commands/' },
      to: { path: '^src/domain/(dispatch|events|broadcasts)/' },
    },
    {
      name: 'people-below-volunteers',
      severity: 'error',
      comment: 'A volunteer is a person with a registration: src/domain/people/ never imports src/domain/volunteers/.',
      from: { path: '^src/domain/people/' },
      to: { path: '^src/domain/volunteers/' },
    },
    {
      name: 'cli-is-an-entry',
      severity: 'error',
      comment: 'src/cli/ holds programs (and their runner, which src/main.ts uses too): nothing else imports them.',
      from: { path: '^(src|flows|db)/', pathNot: '^(src/main\\.ts$|src/cli/)' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'http-wing-knows-only-core',
      severity: 'error',
      comment:
        'src/http is the HTTP server (Hono), body limits and the error mapping: it imports src/core and src/texts only. Routes come to it from outside: a channel adds its webhook (src/channels/), a feature its pages (src/app/), so it never imports the domain, a channel, a flow, the configuration or the app.',
      from: { path: '^src/http/' },
      to: { path: '^(src|flows|db)/', pathNot: '^src/(http|core|texts)/' },
    },
    {
      name: 'channels-know-only-core',
      severity: 'error',
      comment: 'A channel translates to and from the core message model (and adds its routes to the HTTP wing); it knows no domain, flow or other channel.',
      from: { path: '^src/channels/([^/]+)/' },
      to: { path: '^(src/(domain|scheduler|app)|flows/|src/app\\.ts|src/main\\.ts|src/channels/)', pathNot: '^src/channels/$1/' },
    },
    {
      name: 'config-knows-only-core-and-sections',
      severity: 'error',
      comment:
        "src/config.ts composes the sections of src/config/ (features) and src/channels/<name>/config.ts (channels); they know core, not the domain, flows, the scheduler, the app or a channel's other files.",
      from: { path: '^src/config(\\.ts$|/)' },
      to: {
        path: '^(src/(domain|scheduler|app|cli|channels)/|flows/|db/|src/app\\.ts|src/main\\.ts)',
        pathNot: '^src/channels/[^/]+/config\\.ts$',
      },
    },
    {
      name: 'channel-config-is-light',
      severity: 'error',
      comment: "A channel's config section is read at every start, with or without the channel: it imports zod, src/core/ and its own channel's files (its name's constant), not the platform's library.",
      from: { path: '^src/channels/([^/]+)/config\\.ts$' },
      to: { dependencyTypesNot: ['type-only'], pathNot: '^(src/core/|src/channels/$1/)|node_modules/zod/' },
    },
    {
      name: 'settings-come-as-arguments',
      severity: 'error',
      comment: 'Core, the domain, the channels, the scheduler, flows and db are given their settings; only the entries (main, the app, the CLIs) read the configuration.',
      from: { path: '^(src/(core|domain|channels|scheduler)/|flows/|db/)' },
      to: { path: '^src/config(\\.ts$|/)' },
    },
    {
      name: 'one-composition-root',
      severity: 'error',
      comment: 'Only src/main.ts (and the tests and bench, not checked here) build the app.',
      from: { path: '^src/', pathNot: '^src/(main|app)\\.ts$|^src/app/' },
      to: { path: '^src/app(\\.ts$|/)' },
    },
    {
      name: 'db-below-src',
      severity: 'error',
      comment: 'db/ (schema, client, migrations) is the ground floor: it imports nothing of src/ or flows/.',
      from: { path: '^db/' },
      to: { path: '^(src|flows)/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(test|bench|scripts)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs'] },
  },
};
