import {
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useEffect,
  useId,
  useState,
} from 'react';
import { cn } from '../lib/cn.ts';
import { ChevronDownIcon, SearchIcon } from './icons.tsx';

const inputClasses =
  'block w-full rounded-lg border-0 bg-white px-3 py-2.5 text-base text-slate-900 shadow-xs ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:outline-none sm:text-sm';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: ReactNode;
  hint?: ReactNode;
  /** Already translated message shown under the field. */
  error?: string;
  ref?: Ref<HTMLInputElement>;
}

interface FieldShellProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: true | undefined }) => ReactNode;
}

/** Label, hint and error around any control, with the ids that tie them together. */
function FieldShell({ label, hint, error, className, children }: FieldShellProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ id, describedBy, invalid: error ? true : undefined })}
      {hint && !error ? (
        <p id={hintId} className="mt-1.5 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="mt-1.5 text-sm text-rose-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input with its hint and its error, wired for screen readers. */
export function TextField({ label, hint, error, className, ref, ...props }: TextFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} className={className}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          ref={ref}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          className={cn(inputClasses, 'mt-1.5', ringClasses(error))}
          {...props}
        />
      )}
    </FieldShell>
  );
}

const ringClasses = (error?: string) =>
  error ? 'bg-rose-50/40 ring-rose-400 focus:ring-rose-500' : 'ring-slate-300 focus:ring-teal-600';

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  ref?: Ref<HTMLSelectElement>;
}

/** A labelled native <select>: the platform's own keyboard and phone pickers. */
export function SelectField({ label, hint, error, className, ref, children, ...props }: SelectFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} className={className}>
      {({ id, describedBy, invalid }) => (
        // The platform's arrow is drawn over the text on narrow phones and sets the control's
        // height by its own rules; ours leaves the text its room and matches the inputs.
        <div className="relative mt-1.5">
          <select
            id={id}
            ref={ref}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            className={cn(inputClasses, 'appearance-none truncate pr-9', ringClasses(error))}
            {...props}
          >
            {children}
          </select>
          <ChevronDownIcon
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-slate-500"
          />
        </div>
      )}
    </FieldShell>
  );
}

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  ref?: Ref<HTMLTextAreaElement>;
}

export function TextAreaField({
  label,
  hint,
  error,
  className,
  ref,
  rows = 3,
  ...props
}: TextAreaFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} className={className}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          ref={ref}
          rows={rows}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          className={cn(inputClasses, 'mt-1.5 resize-y', ringClasses(error))}
          {...props}
        />
      )}
    </FieldShell>
  );
}

interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> {
  label: ReactNode;
  hint?: ReactNode;
  ref?: Ref<HTMLInputElement>;
}

/** A checkbox with its label (and a hint) to the right, the whole row clickable. */
export function CheckboxField({ label, hint, className, ref, ...props }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className={cn('flex items-start gap-3', className)}>
      <input
        id={id}
        ref={ref}
        type="checkbox"
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-0.5 size-4 shrink-0 rounded accent-teal-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-600"
        {...props}
      />
      <div className="min-w-0">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

export interface Choice<T extends string> {
  value: T;
  label: ReactNode;
  hint?: ReactNode;
}

interface ChoiceCardsProps<T extends string> {
  legend: ReactNode;
  value: T;
  onChange: (value: T) => void;
  choices: readonly Choice<T>[];
  /** Side by side from small screens up, or one under the other. */
  layout?: 'row' | 'column';
  className?: string;
}

/** Radio buttons drawn as cards, for a choice between a few options that deserve a word each. */
export function ChoiceCards<T extends string>({
  legend,
  value,
  onChange,
  choices,
  layout = 'row',
  className,
}: ChoiceCardsProps<T>) {
  const name = useId();
  return (
    <fieldset className={className}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div
        className={cn(
          'mt-1.5 grid gap-2',
          // Cards with a hint need the width of a phone; short ones sit side by side everywhere.
          layout === 'row' && (choices.some((c) => c.hint) ? 'sm:grid-cols-2' : 'grid-cols-2'),
        )}
      >
        {choices.map((choice) => (
          <label
            key={choice.value}
            className={cn(
              'flex cursor-pointer gap-3 rounded-xl border p-3 transition-colors has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-teal-600',
              choice.hint ? 'items-start' : 'items-center',
              value === choice.value
                ? 'border-teal-600 bg-teal-50/60 ring-1 ring-teal-600'
                : 'border-slate-200 hover:border-slate-300',
            )}
          >
            <input
              type="radio"
              name={name}
              value={choice.value}
              checked={value === choice.value}
              onChange={() => onChange(choice.value)}
              className={cn('size-4 shrink-0 accent-teal-700', choice.hint ? 'mt-0.5' : undefined)}
            />
            <span className="min-w-0">
              <span className="block text-sm font-medium text-slate-900">{choice.label}</span>
              {choice.hint ? <span className="block text-xs text-slate-600">{choice.hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

interface SearchFieldProps {
  label: string;
  /** The search in force (from the page's URL or its parent); the box follows it when it changes elsewhere. */
  value: string;
  /** Called with the trimmed text: after a pause in typing, on Enter, or at once when `delayMs` is 0. */
  onSearch: (value: string) => void;
  placeholder?: string;
  /** Server searches wait for a pause in typing, so each keystroke does not fetch. */
  delayMs?: number;
  /** The label is read by screen readers only (a search box whose placeholder says enough). */
  hideLabel?: boolean;
  className?: string;
}

/** A labelled search box with its magnifier, the same on every list page. */
export function SearchField({
  label,
  value,
  onSearch,
  placeholder,
  delayMs = 300,
  hideLabel = false,
  className,
}: SearchFieldProps) {
  const id = useId();
  const [text, setText] = useState(value);

  // A search changed from outside (a cleared filter, the back button) shows in the box; the box
  // keeps what is being typed when only spaces around it differ.
  useEffect(() => setText((current) => (current.trim() === value ? current : value)), [value]);

  useEffect(() => {
    if (delayMs === 0 || text.trim() === value) return;
    const timer = setTimeout(() => onSearch(text.trim()), delayMs);
    return () => clearTimeout(timer);
  }, [text, value, onSearch, delayMs]);

  return (
    <div className={className}>
      <label
        htmlFor={id}
        className={hideLabel ? 'sr-only' : 'mb-1.5 block text-sm font-medium text-slate-800'}
      >
        {label}
      </label>
      <div className="relative">
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" />
        <input
          id={id}
          type="search"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            if (delayMs === 0) onSearch(event.target.value.trim());
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') onSearch(text.trim());
          }}
          placeholder={placeholder}
          className={cn(inputClasses, 'pl-9', ringClasses())}
        />
      </div>
    </div>
  );
}
