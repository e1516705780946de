import { addDays, weekday } from '../dates.js';
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
  { key: 'SUP', name: 'Customer Support', summaries: ['Login fails on mobile', 'Invoice export is empty', 'Reset password mail late', 'Slow search', 'Typo on pricing page', 'Timezone shown wrong', 'CSV import trims names', 'Dark mode contrast'] },
  { key: 'WEB', name: 'Website Relaunch', summaries: ['New landing page', 'Blog migration', 'Accessibility audit', 'Cookie banner', 'Analytics setup', 'Image pipeline'] },
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
    db.users.create({ accountId: accountIdFor(rng), displayName, emailAddress: `${displayName.split(' ')[0]!.toLowerCase()}@example.com` }),
  );

  const issuesByProject = PROJECTS.map((p) => {
    const project = db.projects.create({ key: p.key, name: p.name });
    return p.summaries.map((summary, i) => db.issues.create({ key: `${p.key}-${i + 1}`, projectId: project.id, summary }));
  });

  db.accountCategories.create({ key: 'BILL', name: 'Billable work', typeName: 'BILLABLE' });
  db.accountCategories.create({ key: 'INT', name: 'Internal work', typeName: 'INTERNAL' });
  db.accountCategories.create({ key: 'CAPEX', name: 'Capitalized development', typeName: 'CAPITALIZED' });

  db.customers.create({ key: 'ACME', name: 'Acme Corporation' });
  db.customers.create({ key: 'GLOBEX', name: 'Globex Inc.' });

  const lead = users[0]!.accountId;
  db.accounts.create({ key: 'ACME-SUPPORT', name: 'Acme support contract', status: 'OPEN', leadAccountId: lead, categoryKey: 'BILL', customerKey: 'ACME', monthlyBudget: 160 });
  db.accounts.create({ key: 'GLOBEX-WEB', name: 'Globex website', status: 'OPEN', leadAccountId: users[1]!.accountId, categoryKey: 'BILL', customerKey: 'GLOBEX', contactAccountId: users[2]!.accountId });
  db.accounts.create({ key: 'INTERNAL', name: 'Internal time', status: 'OPEN', leadAccountId: lead, categoryKey: 'INT', global: true });
  db.accounts.create({ key: 'R-AND-D', name: 'Research and development', status: 'OPEN', leadAccountId: users[3]!.accountId, categoryKey: 'CAPEX' });
  db.accounts.create({ key: 'LEGACY', name: 'Legacy maintenance (closed)', status: 'CLOSED', leadAccountId: lead, externalContactName: 'Old Vendor Ltd' });
  db.accounts.create({ key: 'ARCHIVE-2024', name: 'Projects of 2024', status: 'ARCHIVED', leadAccountId: lead });

  db.workAttributes.create({ key: '_Account_', name: 'Account', type: 'ACCOUNT', required: false });
  db.workAttributes.create({ key: '_Activity_', name: 'Activity', type: 'STATIC_LIST', required: false, values: ['Development', 'Meeting', 'Support', 'Review'] });
  db.workAttributes.create({ key: '_Overtime_', name: 'Overtime', type: 'CHECKBOX', required: false });

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
}
