// Times for people, in Beijing time (Asia/Shanghai) whatever the browser's zone, as the pages print
// them (app/times.py): 2026-11-28 00:16.
const BEIJING = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

export function beijingMinute(ms) {
  const parts = Object.fromEntries(BEIJING.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
