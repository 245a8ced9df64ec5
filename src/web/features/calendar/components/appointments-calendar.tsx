import 'react-big-calendar/lib/css/react-big-calendar.css';
import './appointments-calendar.css';
import { format, getDay, parse, startOfWeek } from 'date-fns';
import { enGB, fr } from 'date-fns/locale';
import {
  cloneElement,
  type KeyboardEvent,
  type ReactElement,
  type ReactNode,
  useCallback,
  useEffect,
  useMemo,
  useRef,
} from 'react';
import {
  Calendar,
  dateFnsLocalizer,
  type EventProps,
  type EventWrapperProps,
  type Formats,
  type SlotInfo,
  type View,
} from 'react-big-calendar';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { currentLocale } from '../../../i18n/index.ts';
import { phoneScreen, useMediaQuery } from '../../../lib/use-media-query.ts';
import { fromWallClock, toWallClock } from '../../../lib/zoned-time.ts';
import {
  type CalendarAppointment,
  type CalendarScope,
  useCalendarAppointments,
} from '../api/get-calendar-appointments.ts';
import { CalendarLegend } from './calendar-legend.tsx';
import { CalendarToolbar } from './calendar-toolbar.tsx';
import { visibleRange } from './visible-range.ts';

const localizer = dateFnsLocalizer({
  format,
  parse,
  startOfWeek: (date: Date) => startOfWeek(date, { weekStartsOn: 1 }),
  getDay,
  locales: { en: enGB, fr },
});

const views: View[] = ['month', 'week', 'day', 'agenda'];

interface CalendarEvent {
  id: string;
  title: string;
  start: Date;
  end: Date;
  appointment: CalendarAppointment;
}

interface AppointmentsCalendarProps {
  scope: CalendarScope;
  /** The practice's zone: the grid shows its clock, whatever the browser's zone. */
  timeZone: string;
  /** Where an appointment leads (its details page). */
  eventHref: (id: string) => string;
  /** A slot was picked: its start and end as instants. */
  onSelectSlot: (start: Date, end: Date) => void;
}

const isView = (value: string | null): value is View => views.includes(value as View);
const parseDay = (value: string | null) =>
  value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? parse(value, 'yyyy-MM-dd', new Date()) : null;

/**
 * The calendar of spec 001 (react-big-calendar), shared by the client's and the admin's pages:
 * month, week, day and agenda, coloured by status, reading only the visible range. The view and
 * the date live in the address (?view=week&date=2026-01-20), so reloading or going back keeps them.
 */
export function AppointmentsCalendar({
  scope,
  timeZone,
  eventHref,
  onSelectSlot,
}: AppointmentsCalendarProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const today = toWallClock(new Date(), timeZone);
  // Followed as the window changes (a tablet turned, a window narrowed), not read once.
  const isPhone = useMediaQuery(phoneScreen);
  const view: View = isView(params.get('view')) ? (params.get('view') as View) : isPhone ? 'agenda' : 'month';
  const date = parseDay(params.get('date')) ?? today;
  const culture = currentLocale();

  const container = useRef<HTMLDivElement>(null);
  // react-big-calendar marks its month and week grids up with table roles that do not nest as
  // tables must (rows without cells, rows without a table), which assistive technology cannot
  // make sense of. The grids are a picture of time: each is one labelled group whose events are
  // the buttons. The stray roles are removed whenever the calendar draws (it re-renders parts of
  // itself on its own, after measuring rows).
  const gridLabel = t(`calendar.views.${view}`);
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const tidy = () => {
      for (const element of root.querySelectorAll(
        '.rbc-month-view [role], .rbc-time-view [role="row"], .rbc-time-view [role="rowgroup"]',
      )) {
        if (element.getAttribute('role') !== 'button') element.removeAttribute('role');
      }
      const grid = root.querySelector('.rbc-month-view, .rbc-time-view');
      if (grid && grid.getAttribute('aria-label') !== gridLabel) {
        grid.setAttribute('role', 'group');
        grid.setAttribute('aria-label', gridLabel);
      }
    };
    tidy();
    const observer = new MutationObserver(tidy);
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['role'] });
    return () => observer.disconnect();
  }, [gridLabel]);

  const range = visibleRange(view, date);
  const start = fromWallClock(range.start, timeZone).toISOString();
  const end = fromWallClock(range.end, timeZone).toISOString();
  const appointments = useCalendarAppointments(scope, start, end);

  const events = useMemo<CalendarEvent[]>(
    () =>
      (appointments.data ?? []).map((a) => ({
        id: a.id,
        title: a.title,
        start: toWallClock(a.startTime, timeZone),
        end: toWallClock(a.endTime, timeZone),
        appointment: a,
      })),
    [appointments.data, timeZone],
  );

  const setState = useCallback(
    (next: { view?: View; date?: Date }) => {
      const updated = new URLSearchParams(params);
      updated.set('view', next.view ?? view);
      updated.set('date', format(next.date ?? date, 'yyyy-MM-dd'));
      setParams(updated, { replace: true });
    },
    [params, setParams, view, date],
  );

  const messages = useMemo(
    () => ({
      date: t('calendar.messages.date'),
      time: t('calendar.messages.time'),
      event: t('calendar.messages.event'),
      allDay: t('calendar.messages.allDay'),
      week: t('calendar.views.week'),
      work_week: t('calendar.views.week'),
      day: t('calendar.views.day'),
      month: t('calendar.views.month'),
      agenda: t('calendar.views.agenda'),
      previous: t('calendar.previous'),
      next: t('calendar.next'),
      today: t('calendar.today'),
      yesterday: t('calendar.messages.yesterday'),
      tomorrow: t('calendar.messages.tomorrow'),
      noEventsInRange: t('calendar.messages.noEvents'),
      showMore: (count: number) => t('calendar.messages.showMore', { count }),
    }),
    [t],
  );

  const formats = useMemo<Formats>(() => {
    const hm = (d: Date, c?: string) => localizer.format(d, 'HH:mm', c);
    const range = ({ start: s, end: e }: { start: Date; end: Date }, c?: string) =>
      `${hm(s, c)} – ${hm(e, c)}`;
    return {
      timeGutterFormat: 'HH:mm',
      eventTimeRangeFormat: range,
      // The agenda's day and hours may wrap on a phone: after the weekday and after the dash only.
      agendaTimeRangeFormat: ({ start: s, end: e }: { start: Date; end: Date }, c?: string) =>
        `${hm(s, c)}\u00a0– ${hm(e, c)}`,
      agendaTimeFormat: 'HH:mm',
      selectRangeFormat: range,
      agendaDateFormat: 'EEE d\u00a0MMM',
      // A phone's week has ~45 px a day: the weekday's initial and the date.
      dayFormat: isPhone ? 'EEEEE d' : 'EEE d',
      weekdayFormat: isPhone ? 'EEEEE' : 'EEE',
      dayHeaderFormat: 'EEEE d MMMM yyyy',
      dayRangeHeaderFormat: ({ start: s, end: e }: { start: Date; end: Date }, c?: string) =>
        `${localizer.format(s, 'd MMM', c)} – ${localizer.format(e, 'd MMM yyyy', c)}`,
      agendaHeaderFormat: ({ start: s, end: e }: { start: Date; end: Date }, c?: string) =>
        `${localizer.format(s, 'd MMM', c)} – ${localizer.format(e, 'd MMM yyyy', c)}`,
    };
  }, [isPhone]);

  const components = useMemo(
    () => ({
      toolbar: CalendarToolbar,
      // The day names as plain text (the default puts a column-header role inside a button).
      header: ({ label }: { label: string }) => <span>{label}</span>,
      event: ({ event }: EventProps<CalendarEvent>) => (
        <span className="rdv-event-text">
          {/* A month's day holds one line: the start time says most (on a phone, all) of it. */}
          {view === 'month' ? (
            <span className="rdv-event-time">{localizer.format(event.start, 'HH:mm', culture)}</span>
          ) : null}
          <span className="rdv-event-title">{event.title}</span>
          {scope === 'practice' && event.appointment.clientName ? (
            <span className="rdv-event-client">{event.appointment.clientName}</span>
          ) : null}
          <span className="sr-only"> · {t(`appointmentStatus.${event.appointment.status}`)}</span>
        </span>
      ),
      eventWrapper: ({ children }: EventWrapperProps<CalendarEvent> & { children?: ReactNode }) =>
        // Month events are plain divs: make each one reachable and usable from the keyboard.
        cloneElement(children as ReactElement<Record<string, unknown>>, { tabIndex: 0, role: 'button' }),
      agenda: {
        event: ({ event }: EventProps<CalendarEvent>) => (
          <Link
            to={eventHref(event.id)}
            onClick={(e) => e.stopPropagation()}
            className={`rdv-agenda-link rdv-event--${event.appointment.status}`}
          >
            <span className="font-medium">{event.title}</span>
            {scope === 'practice' && event.appointment.clientName ? (
              // On a phone the name takes its own line: a wrapped " · " would open it.
              <span className="text-slate-600">
                <span className="max-sm:hidden"> · </span>
                <span className="max-sm:block">{event.appointment.clientName}</span>
              </span>
            ) : null}
            <span className="rdv-agenda-status">{t(`appointmentStatus.${event.appointment.status}`)}</span>
          </Link>
        ),
      },
    }),
    [eventHref, scope, t, view, culture],
  );

  const pickSlot = (slot: SlotInfo) => {
    let from = slot.start;
    let to = slot.end;
    // A day picked in the month view proposes that day at 09:00 for an hour.
    if (view === 'month') {
      from = new Date(from.getFullYear(), from.getMonth(), from.getDate(), 9);
      to = new Date(from.getTime() + 3_600_000);
    }
    onSelectSlot(fromWallClock(from, timeZone), fromWallClock(to, timeZone));
  };

  const open = (event: CalendarEvent) => navigate(eventHref(event.id));

  return (
    <div
      ref={container}
      className="rdv-calendar"
      data-view={view}
      aria-busy={appointments.isFetching || undefined}
    >
      <CalendarLegend />
      <Calendar<CalendarEvent>
        localizer={localizer}
        culture={culture}
        events={events}
        view={view}
        views={views}
        date={date}
        getNow={() => toWallClock(new Date(), timeZone)}
        onView={(next) => setState({ view: next })}
        onNavigate={(next) => setState({ date: next })}
        onSelectEvent={open}
        onKeyPressEvent={(event, e) => {
          const key = (e as unknown as KeyboardEvent).key;
          if (key === 'Enter' || key === ' ') open(event);
        }}
        selectable
        onSelectSlot={pickSlot}
        popup
        messages={messages}
        formats={formats}
        components={components}
        eventPropGetter={(event) => ({
          className: `rdv-event rdv-event--${event.appointment.status}${
            isShort(event) ? ' rdv-event--short' : ''
          }`,
        })}
        tooltipAccessor={(event) =>
          `${event.title}${event.appointment.clientName ? ` — ${event.appointment.clientName}` : ''} (${t(
            `appointmentStatus.${event.appointment.status}`,
          )})`
        }
        scrollToTime={new Date(1970, 0, 1, 8)}
        step={30}
        timeslots={2}
        length={30}
      />
    </div>
  );
}

/** Half an hour or less: one line's height in the week and day grids (30-minute slots). */
function isShort(event: CalendarEvent): boolean {
  return event.end.getTime() - event.start.getTime() <= 30 * 60_000;
}
