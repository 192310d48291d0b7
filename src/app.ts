import type { Logger } from 'pino';
import type { Database, Db } from '../db/client.js';
import { VOLUNTEER_FLOW_ID } from '../flows/volunteer.machine.js';
import type { Config } from './config.js';
import { createFloodControl } from './core/flood-control.js';
import { createFlowRunner } from './core/flow-runner.js';
import type { IncomingContent } from './core/message.js';
import { detectEmergency } from '../flows/common/safety/index.js';
import { createOutboxDelivery } from './core/outbox-delivery.js';
import type { Clock, Sender } from './core/ports.js';
import { type CatalogueMatcher, createCatalogueMatcher } from './domain/catalogue/matcher.js';
import { skillFinder } from './domain/catalogue/skills.js';
import type { Catalogue } from './domain/catalogue/types.js';
import type { StationNode } from './domain/stations/types.js';
import { createDispatch } from './domain/dispatch/dispatch.js';
import { bootstrapOrganizers } from './domain/people/roles.js';
import { loadStationTree } from './domain/stations/tree.js';
import { peoplePort } from './domain/people/people.js';
import { readCatalogueFile, readStationsFile } from './domain/reference-data.js';
import { createResidentFlow, residentFlowDeps } from './app/resident-flow.js';
import { createVolunteerFlow, startsVolunteerFlow } from './app/volunteer-flow.js';
import { createDispatchSweeper } from './scheduler/dispatch-sweeper.js';
import { createEventFlow, eventFlowDeps, startsEventFlow } from './app/event-flow.js';
import { EVENT_FLOW_ID } from '../flows/event.machine.js';
import { createEventReminderSweeper } from './scheduler/event-reminders.js';
import { BROADCAST_FLOW_ID } from '../flows/broadcast.machine.js';
import { createBroadcastFlow, startsBroadcastFlow } from './app/broadcast-flow.js';
import { appCommands } from './app/commands.js';
import { commandHook } from './domain/commands/registry.js';
import { createBroadcastReporter } from './scheduler/broadcast-reports.js';
import { type Classifier, secondOpinionClassifier } from './domain/understanding/classifier.js';
import { createOpenAiCompatibleSuggester } from './domain/understanding/openai-compatible.js';
import { type CalendarRules, readCalendarFile } from './domain/calendar/rules.js';
import { createCalendar } from './domain/calendar/schedule.js';
import type { EventSource } from './domain/calendar/types.js';
import { eventSource } from './domain/events/event-source.js';
import { createServiceDayReminders } from './scheduler/service-day-reminders.js';

// === The one composition root: main, every test and the benchmark build the app here

/** When a handled message's outgoing messages are delivered. */
export type DeliveryMode =
  /**
   * `handle` resolves at commit; the replies were written claimed and go out right after, on their own;
   * everything else (cards, paced group traffic) when the delivery is woken (`outbox` notifications
   * and the poll, from `start()`).
   */
  | 'background'
  /** Everything due before `handle` resolves (tests that read what was sent right after). */
  | 'await-all'
  /** Nothing until `delivery.deliverDue()` is called (a crash between commit and send). */
  | 'none';

export interface AppOptions {
  config: Config;
  /** An open, migrated database with the reference data synced. */
  database: Database;
  log: Logger;
  clock?: Clock;
  /** Senders by channel; a channel started later adds its own with `app.addSender`. */
  senders?: Record<string, Sender>;
  delivery?: DeliveryMode;
  /** The database the runner uses, when it must differ (tests that make transactions fail). */
  runnerDb?: Db;
  /** The catalogue, when already read (default: from `config.catalogueFile`). */
  catalogue?: Catalogue;
  /** The stations file's tree, when already read (default: from `config.stationsFile`). */
  stations?: StationNode;
  /** Who decides what a request is about (default: the rules, with a language model's second opinion when `config.llm` is set). */
  classifier?: Classifier;
  /** Service days and reminder times, when already read (default: from `config.calendar.file`). */
  calendarRules?: CalendarRules;
  /** The events organizers planned, listed in reminders and feeds (default: the events organizers created, `eventSource`). */
  events?: EventSource;
}

/** Wires database, domain, flows, runner, outbox and scheduler; starts nothing until `start()`. */
export async function createApp(options: AppOptions) {
  const { config, database, log } = options;
  const db = database.db;
  const clock = options.clock ?? (() => new Date());
  const senders: Record<string, Sender> = { ...options.senders };
  const catalogue = options.catalogue ?? readCatalogueFile(config.catalogueFile);

  const tree = await loadStationTree(db, options.stations ?? readStationsFile(config.stationsFile));
  await bootstrapOrganizers(db, config.organizers, tree.root().id, clock());
  const matcher = createCatalogueMatcher(catalogue);
  const classifier = options.classifier ?? languageModelClassifier(config, catalogue, matcher, log);
  const deps = residentFlowDeps(catalogue, matcher, tree, { hotline: config.hotline, classifier });
  const dispatch = createDispatch({
    tree,
    findSkill: skillFinder(catalogue),
    hotlinePhone: config.hotline.phone,
    timeZone: config.timeZone,
    ...config.dispatch,
  });
  /** The one handler of a chat that got a new id: the outbox and the channels both call it. */
  const followMigratedChat = (channel: string, from: string, to: string) => dispatch.followMigratedChat(db, channel, from, to);
  const delivery = createOutboxDelivery({
    db,
    senders,
    log,
    clock: options.clock,
    onChatMigrated: followMigratedChat,
    onBlocked: peoplePort.markBlocked,
    instanceName: config.instanceName,
    exclusiveDatabase: database.kind === 'pglite',
    pacing: config.pacing,
    listen: (onNotify) => database.listen('outbox', onNotify),
  });
  const mode = options.delivery ?? 'background';
  const eventSettings = { timeZone: config.timeZone, ...config.events };
  const commands = appCommands({ tree, events: eventSettings, timeZone: config.timeZone });
  const runner = createFlowRunner({
    db: options.runnerDb ?? db,
    flows: [
      createResidentFlow(deps, dispatch, classifier, {
        cap: { perDay: config.limits.requestsPerDay, timeZone: config.timeZone },
        timeZone: config.timeZone,
      }),
      createVolunteerFlow(deps, tree, dispatch),
      createEventFlow(eventFlowDeps(deps, tree, config.timeZone), tree, { timeZone: config.timeZone, clock }),
      createBroadcastFlow(tree),
    ],
    startFlow: (content) =>
      startsVolunteerFlow(content) ? VOLUNTEER_FLOW_ID : startsEventFlow(content) ? EVENT_FLOW_ID : startsBroadcastFlow(content) ? BROADCAST_FLOW_ID : null,
    commands: commandHook(commands, dispatch.commandDeps),
    people: peoplePort,
    log,
    clock: options.clock,
    senders,
    ...(mode === 'none' ? {} : { claim: delivery.claimFor }),
    deliver: async (handed) => {
      if (mode === 'none') return;
      const sending = delivery.handOff(handed);
      if (mode === 'await-all') await Promise.all([sending, delivery.deliverDue()]);
    },
  });
  // Before the runner, for every channel: one person's flood is dropped with one notice; danger still goes through.
  const flood = createFloodControl({
    db,
    log,
    clock: options.clock,
    limits: config.limits.flood,
    isUrgent: readsUrgent,
    // The notice's insert wakes the delivery (the outbox notification); tests that read right after wait for it.
    deliver: () => (mode === 'await-all' ? delivery.deliverDue() : Promise.resolve()),
  });
  const sweeper = createDispatchSweeper({ db, dispatch, log, clock: options.clock, afterSweep: () => delivery.deliverDue() });
  const eventReminders = createEventReminderSweeper({
    db,
    log,
    clock: options.clock,
    timeZone: config.timeZone,
    hoursBefore: config.events.remindHoursBefore,
    afterSweep: () => delivery.deliverDue(),
  });
  const calendar = createCalendar(options.calendarRules ?? readCalendarFile(config.calendar.file), config.timeZone);
  const events = options.events ?? eventSource;
  const reminders = createServiceDayReminders({
    db,
    log,
    clock: options.clock,
    afterRun: () => delivery.deliverDue(),
    deps: {
      calendar,
      tree,
      events,
      // A channel whose sender keeps a reply window (WeChat's service account, which has no groups for
      // us): its volunteers are reminded privately, within the window. Read at each run: channels add
      // their senders after the app is built.
      get privateChannels() {
        return Object.entries(senders).flatMap(([channel, s]) =>
          s.replyWindow ? [{ channel, windowMs: s.replyWindow.ms, perMessage: s.replyWindow.perMessage }] : [],
        );
      },
      graceMs: config.calendar.graceMinutes * 60_000,
      log,
    },
  });
  const broadcastReporter = createBroadcastReporter({ db, log, clock: options.clock, afterRun: () => delivery.deliverDue() });

  return {
    config,
    db,
    log,
    tree,
    dispatch,
    /** Every command, in the order they are tried (`src/app/commands.ts`). */
    commands,
    runner,
    flood,
    delivery,
    sweeper,
    eventReminders,
    calendar,
    events,
    reminders,
    broadcastReporter,
    senders,
    /** Handles one incoming message from any channel (never throws), behind flood control. */
    handle: flood.guard(runner.handle),
    followMigratedChat,
    /** A channel's sender, so the outbox can deliver to it. */
    addSender(channel: string, sender: Sender) {
      senders[channel] = sender;
    },
    /**
     * Takes over a dead predecessor's leases, then polls the outbox and runs the minute sweep and reminders.
     * What waits (a backlog carried over a restart) is delivered in the background, behind the replies to
     * new messages: channels start taking messages at once, not after the backlog.
     */
    async start() {
      await delivery.takeOverLeases();
      await delivery.start();
      void delivery.deliverDue();
      sweeper.start();
      eventReminders.start();
      reminders.start();
      broadcastReporter.start();
    },
    /** Stops the sweep, the reminders and the outbox polling (the database is the caller's to close). */
    async stop() {
      sweeper.stop();
      eventReminders.stop();
      reminders.stop();
      broadcastReporter.stop();
      await delivery.stop();
    },
  };
}

export type App = Awaited<ReturnType<typeof createApp>>;

/** The rules with a language model's second opinion, when one is configured (`LLM_*`); else none (the rules alone). */
function languageModelClassifier(config: Config, catalogue: Catalogue, matcher: CatalogueMatcher, log: Logger): Classifier | undefined {
  if (!config.llm) return undefined;
  log.info({ model: config.llm.model, host: new URL(config.llm.baseUrl).host }, 'a language model gives a second opinion');
  return secondOpinionClassifier({ matcher, model: createOpenAiCompatibleSuggester({ ...config.llm, catalogue }), log });
}

/** Urgent danger in what a person wrote (text, or a photo's caption): read even when their message is dropped in a flood. */
function readsUrgent(content: IncomingContent): boolean {
  const text = content.kind === 'text' ? content.text : content.kind === 'media' ? content.caption : undefined;
  return text !== undefined && detectEmergency(text).level === 'urgent';
}
