import { defaultStampKinds } from '#shared';
import { tokyoTime, type Random } from './demo-random';
import { stampMessages } from './demo-proposal-texts';

export interface DemoStamp {
  kindCode: string;
  senderEmail: string;
  recipientEmail: string;
  message: string | null;
  sentAt: Date;
}

export interface DemoStampPerson {
  email: string;
  division: string;
}

/** Thanks and praise are common, 1on1 invitations rarer. */
const kindWeights: Record<string, number> = {
  thanks: 35,
  nice: 20,
  great: 15,
  otsukare: 20,
  'one-on-one': 10,
};

/** A weekday working-hours instant in FY2024. */
const sendTime = (random: Random): Date => {
  for (;;) {
    const day = new Date(Date.UTC(2024, 3, 1 + random.int(0, 364)));
    const weekday = day.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    return tokyoTime(
      day.getUTCFullYear(),
      day.getUTCMonth() + 1,
      day.getUTCDate(),
      random.int(9, 18),
      random.int(0, 59),
    );
  }
};

/**
 * `count` stamps between the given people over FY2024, in time order: half of them within a division,
 * never to oneself; `featured` people (the sign-in personas) send and receive a share of them.
 */
export const generateDemoStamps = (
  random: Random,
  people: readonly DemoStampPerson[],
  featured: readonly string[],
  count: number,
): DemoStamp[] => {
  const byDivision = new Map<string, DemoStampPerson[]>();
  for (const person of people)
    byDivision.set(person.division, [...(byDivision.get(person.division) ?? []), person]);
  const kinds = defaultStampKinds.map((kind) => [kind.code, kindWeights[kind.code] ?? 10] as const);
  const featuredPeople = people.filter((person) => featured.includes(person.email));
  const stamps: DemoStamp[] = [];
  while (stamps.length < count) {
    const sender =
      featuredPeople.length > 0 && random.chance(0.03) ? random.pick(featuredPeople) : random.pick(people);
    const colleagues = (byDivision.get(sender.division) ?? []).filter((person) => person !== sender);
    const recipient =
      featuredPeople.length > 0 && random.chance(0.03)
        ? random.pick(featuredPeople)
        : colleagues.length > 0 && random.chance(0.5)
          ? random.pick(colleagues)
          : random.pick(people);
    if (recipient.email === sender.email) continue;
    const kindCode = random.weighted(kinds);
    const messages = stampMessages[kindCode] ?? [];
    stamps.push({
      kindCode,
      senderEmail: sender.email,
      recipientEmail: recipient.email,
      message: messages.length > 0 && random.chance(0.45) ? random.pick(messages) : null,
      sentAt: sendTime(random),
    });
  }
  return stamps.sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
};
