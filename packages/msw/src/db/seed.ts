import { addDays, mondayOf, weekday } from '../dates.js';
import { Prng } from '../prng.js';
import type { TempoDatabase } from './database.js';

/** Options of the default data set. */
export interface SeedOptions {
  /** PRNG seed: the same seed and `today` always give the same data. */
  seed: number;
  /** `YYYY-MM-DD` the data is arranged around: worklogs fill the weeks up to it. */
  today: string;
  /** Weeks of worklogs before `today` (default 4). */
  weeksOfWorklogs?: number;
}

const PEOPLE = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson', 'Linus Torvalds'];

const PROJECTS = [
  {
    key: 'SUP',
    name: 'Customer Support',
    summaries: [
      'Login fails on mobile',
      'Invoice export is empty',
      'Reset password mail late',
      'Slow search',
      'Typo on pricing page',
      'Timezone shown wrong',
      'CSV import trims names',
      'Dark mode contrast',
    ],
  },
  {
    key: 'WEB',
    name: 'Website Relaunch',
    summaries: [
      'New landing page',
      'Blog migration',
      'Accessibility audit',
      'Cookie banner',
      'Analytics setup',
      'Image pipeline',
    ],
  },
  { key: 'INT', name: 'Internal', summaries: ['Meetings', 'Training', 'Hiring interviews', 'Team offsite'] },
];

/** The Atlassian-style accountId the default data gives the n-th user (stable for a seed). */
function accountIdFor(rng: Prng): string {
  return `712020:${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-${rng.pick(['8', '9', 'a', 'b'])}${rng.hex(3)}-${rng.hex(12)}`;
}

/**
 * Fills `db` with a small, realistic Tempo site: people, Jira projects and issues, account categories,
 * customers, accounts, work attributes and worklogs spread over the recent weeks. Deterministic for
 * (seed, today).
 */
export function seedDatabase(db: TempoDatabase, options: SeedOptions): void {
  const rng = new Prng(options.seed);

  const users = PEOPLE.map((displayName) =>
    db.users.create({
      accountId: accountIdFor(rng),
      displayName,
      emailAddress: `${displayName.split(' ')[0]!.toLowerCase()}@example.com`,
    }),
  );

  const issuesByProject = PROJECTS.map((p) => {
    const project = db.projects.create({ key: p.key, name: p.name });
    return p.summaries.map((summary, i) =>
      db.issues.create({ key: `${p.key}-${i + 1}`, projectId: project.id, summary }),
    );
  });

  db.accountCategories.create({ key: 'BILL', name: 'Billable work', typeName: 'BILLABLE' });
  db.accountCategories.create({ key: 'INT', name: 'Internal work', typeName: 'INTERNAL' });
  db.accountCategories.create({ key: 'CAPEX', name: 'Capitalized development', typeName: 'CAPITALIZED' });

  db.customers.create({ key: 'ACME', name: 'Acme Corporation' });
  db.customers.create({ key: 'GLOBEX', name: 'Globex Inc.' });

  const lead = users[0]!.accountId;
  db.accounts.create({
    key: 'ACME-SUPPORT',
    name: 'Acme support contract',
    status: 'OPEN',
    leadAccountId: lead,
    categoryKey: 'BILL',
    customerKey: 'ACME',
    monthlyBudget: 160,
  });
  db.accounts.create({
    key: 'GLOBEX-WEB',
    name: 'Globex website',
    status: 'OPEN',
    leadAccountId: users[1]!.accountId,
    categoryKey: 'BILL',
    customerKey: 'GLOBEX',
    contactAccountId: users[2]!.accountId,
  });
  db.accounts.create({
    key: 'INTERNAL',
    name: 'Internal time',
    status: 'OPEN',
    leadAccountId: lead,
    categoryKey: 'INT',
    global: true,
  });
  db.accounts.create({
    key: 'R-AND-D',
    name: 'Research and development',
    status: 'OPEN',
    leadAccountId: users[3]!.accountId,
    categoryKey: 'CAPEX',
  });
  db.accounts.create({
    key: 'LEGACY',
    name: 'Legacy maintenance (closed)',
    status: 'CLOSED',
    leadAccountId: lead,
    externalContactName: 'Old Vendor Ltd',
  });
  db.accounts.create({ key: 'ARCHIVE-2024', name: 'Projects of 2024', status: 'ARCHIVED', leadAccountId: lead });

  db.workAttributes.create({ key: '_Account_', name: 'Account', type: 'ACCOUNT', required: false });
  db.workAttributes.create({
    key: '_Activity_',
    name: 'Activity',
    type: 'STATIC_LIST',
    required: false,
    values: ['Development', 'Meeting', 'Support', 'Review'],
  });
  db.workAttributes.create({ key: '_Overtime_', name: 'Overtime', type: 'CHECKBOX', required: false });

  const projects = db.projects.all();
  db.accountLinks.create({ accountKey: 'ACME-SUPPORT', scopeId: projects[0]!.id, scopeType: 'PROJECT', default: true });
  db.accountLinks.create({ accountKey: 'GLOBEX-WEB', scopeId: projects[1]!.id, scopeType: 'PROJECT', default: true });
  db.accountLinks.create({ accountKey: 'R-AND-D', scopeId: projects[1]!.id, scopeType: 'PROJECT' });
  db.accountLinks.create({ accountKey: 'INTERNAL', scopeId: projects[2]!.id, scopeType: 'PROJECT', default: true });

  // Organisation: roles, teams, memberships (one person moved teams recently), team links.
  const member = db.roles.create({ name: 'Member', default: true });
  const developer = db.roles.create({ name: 'Developer' });
  const leadRole = db.roles.create({ name: 'Team lead' });
  const support = db.teams.create({
    name: 'Support Squad',
    summary: 'First and second level support',
    leadAccountId: users[0]!.accountId,
  });
  const web = db.teams.create({
    name: 'Web Team',
    summary: 'Website and marketing pages',
    leadAccountId: users[1]!.accountId,
  });
  const since = addDays(options.today, -365);
  db.teamMemberships.create({
    teamId: support.id,
    accountId: users[0]!.accountId,
    roleId: leadRole.id,
    commitmentPercent: 100,
    from: since,
  });
  db.teamMemberships.create({
    teamId: support.id,
    accountId: users[2]!.accountId,
    roleId: member.id,
    commitmentPercent: 100,
    from: since,
  });
  db.teamMemberships.create({
    teamId: web.id,
    accountId: users[1]!.accountId,
    roleId: leadRole.id,
    commitmentPercent: 100,
    from: since,
  });
  db.teamMemberships.create({
    teamId: web.id,
    accountId: users[3]!.accountId,
    roleId: developer.id,
    commitmentPercent: 80,
    from: since,
  });
  const moved = addDays(options.today, -14);
  db.teamMemberships.create({
    teamId: support.id,
    accountId: users[4]!.accountId,
    roleId: developer.id,
    commitmentPercent: 50,
    from: since,
    to: addDays(moved, -1),
    useInclusiveEndDate: true,
  });
  db.teamMemberships.create({
    teamId: web.id,
    accountId: users[4]!.accountId,
    roleId: developer.id,
    commitmentPercent: 100,
    from: moved,
  });
  db.teamLinks.create({ teamId: support.id, scopeId: projects[0]!.id, scopeType: 'PROJECT' });
  db.teamLinks.create({ teamId: web.id, scopeId: projects[1]!.id, scopeType: 'PROJECT' });

  for (const name of ['TypeScript', 'Customer communication', 'Accessibility', 'SQL']) db.skills.create({ name });
  const designer = db.genericResources.create({ name: 'Designer (to be hired)' });
  db.genericResources.create({ name: 'External QA' });

  // Schedules: a default 40 h week, a part-time scheme, a holiday scheme with holidays around today.
  db.workloadSchemes.create({
    name: 'Standard 40h',
    description: 'Monday to Friday, 8 hours a day',
    defaultScheme: true,
  });
  const partTime = db.workloadSchemes.create({
    name: 'Part time 32h',
    description: 'Friday off',
    days: [
      { day: 'MONDAY', requiredSeconds: 28800 },
      { day: 'TUESDAY', requiredSeconds: 28800 },
      { day: 'WEDNESDAY', requiredSeconds: 28800 },
      { day: 'THURSDAY', requiredSeconds: 28800 },
      { day: 'FRIDAY', requiredSeconds: 0 },
      { day: 'SATURDAY', requiredSeconds: 0 },
      { day: 'SUNDAY', requiredSeconds: 0 },
    ],
  });
  db.workloadSchemeMembers.create({ accountId: users[3]!.accountId, schemeId: partTime.id });
  const holidaysScheme = db.holidaySchemes.create({
    name: 'Company holidays',
    description: 'Public holidays of the head office',
    defaultScheme: true,
  });
  const year = options.today.slice(0, 4);
  db.holidays.create({
    schemeId: holidaysScheme.id,
    name: 'New Year',
    date: `${year}-01-01`,
    durationSeconds: 28800,
    type: 'FIXED',
  });
  db.holidays.create({
    schemeId: holidaysScheme.id,
    name: 'Company day',
    date: addDays(mondayOf(options.today), 11),
    durationSeconds: 28800,
    type: 'FIXED',
  });
  db.holidays.create({
    schemeId: holidaysScheme.id,
    name: 'Floating day',
    date: `${year}-12-24`,
    durationSeconds: 14400,
    type: 'FLOATING',
  });
  db.holidaySchemes.create({ name: 'US office', description: 'Holidays of the US office' });

  // Plans for this and next week.
  const monday = mondayOf(options.today);
  db.plans.create({
    assigneeId: users[0]!.accountId,
    assigneeType: 'USER',
    planItemId: String(issuesByProject[0]![0]!.id),
    planItemType: 'ISSUE',
    startDate: monday,
    endDate: addDays(monday, 4),
    plannedSecondsPerDay: 14400,
    description: 'Support rotation',
  });
  db.plans.create({
    assigneeId: users[1]!.accountId,
    assigneeType: 'USER',
    planItemId: String(projects[1]!.id),
    planItemType: 'PROJECT',
    startDate: monday,
    endDate: addDays(monday, 11),
    plannedSeconds: 144000,
    description: 'Relaunch sprint',
  });
  db.plans.create({
    assigneeId: String(designer.id),
    assigneeType: 'GENERIC',
    planItemId: String(projects[1]!.id),
    planItemType: 'PROJECT',
    startDate: addDays(monday, 7),
    endDate: addDays(monday, 11),
    plannedSecondsPerDay: 28800,
    includeNonWorkingDays: false,
  });

  // Which account each project's work is booked on: relations the account filter can find again.
  const accountOfProject = ['ACME-SUPPORT', 'GLOBEX-WEB', 'INTERNAL'];
  const activities = ['Development', 'Support', 'Development', 'Meeting'];
  const weeks = options.weeksOfWorklogs ?? 4;
  const firstDay = addDays(options.today, -7 * weeks + 1);
  for (let d = firstDay; d <= options.today; d = addDays(d, 1)) {
    const dow = weekday(d);
    if (dow === 0 || dow === 6) continue;
    for (const user of users) {
      if (rng.next() < 0.08) continue; // a day off now and then
      let remaining = 8 * 3600;
      let startHour = 9;
      const pieces = rng.int(1, 3);
      for (let piece = 0; piece < pieces && remaining > 0; piece++) {
        const seconds = piece === pieces - 1 ? remaining : Math.min(remaining, rng.int(2, 8) * 1800);
        remaining -= seconds;
        const projectIndex = rng.int(0, issuesByProject.length - 1);
        const issue = rng.pick(issuesByProject[projectIndex]!);
        db.worklogs.create({
          issueId: issue.id,
          authorAccountId: user.accountId,
          startDate: d,
          startTime: `${String(startHour).padStart(2, '0')}:00:00`,
          timeSpentSeconds: seconds,
          billableSeconds: projectIndex === 2 ? 0 : seconds,
          description: `Working on ${issue.key}: ${issue.summary}`,
          attributes: [
            { key: '_Account_', value: accountOfProject[projectIndex]! },
            { key: '_Activity_', value: projectIndex === 2 ? 'Meeting' : rng.pick(activities) },
          ],
          createdAt: `${d}T17:00:00Z`,
          updatedAt: `${d}T17:00:00Z`,
        });
        startHour += Math.ceil(seconds / 3600);
      }
    }
  }
  seedApprovals(db, options.today);
}

/** Timesheet approvals of the default data: last week submitted by some, approved for one. Called after worklogs exist. */
export function seedApprovals(db: TempoDatabase, today: string): void {
  const users = db.users.all();
  const lastMonday = addDays(mondayOf(today), -7);
  const lastSunday = addDays(lastMonday, 6);
  const reviewer = users[0]!.accountId;
  const spent = (accountId: string) =>
    db.worklogs
      .filter((w) => w.author.accountId === accountId && w.startDate >= lastMonday && w.startDate <= lastSunday)
      .reduce((sum, w) => sum + w.timeSpentSeconds, 0);
  const required = (accountId: string) =>
    db.scheduleOf(accountId, lastMonday, lastSunday).reduce((sum, d) => sum + d.requiredSeconds, 0);
  for (const user of users.slice(1, 4)) {
    db.setApproval({
      accountId: user.accountId,
      from: lastMonday,
      to: lastSunday,
      status: 'IN_REVIEW',
      reviewerAccountId: reviewer,
      actorAccountId: user.accountId,
      timeSpentSecondsAtSubmit: spent(user.accountId),
      requiredSecondsAtSubmit: required(user.accountId),
    });
  }
  const approved = users[1]!.accountId;
  db.setApproval({
    accountId: approved,
    from: lastMonday,
    to: lastSunday,
    status: 'APPROVED',
    reviewerAccountId: reviewer,
    actorAccountId: reviewer,
    comment: 'Looks good',
    timeSpentSecondsAtSubmit: spent(approved),
    requiredSecondsAtSubmit: required(approved),
  });
}
