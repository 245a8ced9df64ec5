import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { ErrorAlert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { Dialog, DialogFooter } from '../../../components/dialog.tsx';
import { TextField } from '../../../components/field.tsx';
import { AlertIcon, CheckIcon, CopyIcon } from '../../../components/icons.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { errorText } from '../../../lib/form-errors.ts';
import { paths } from '../../../lib/paths.ts';
import { useOnOpen } from '../../../lib/use-on-open.ts';
import { type CreatedAssistant, useCreateAssistant } from '../api/create-assistant.ts';
import { AssigneeSelect, type Practitioner } from './assignee-select.tsx';

/** The assistant's calls are grouped under this tag in the API documentation. */
const voiceAssistantTag = 'voice assistant';

interface CreateAssistantDialogProps {
  open: boolean;
  onClose: () => void;
  /** Owner and admins, the first being the default. */
  practitioners: Practitioner[];
}

/** Names a new assistant, then shows its API key once, with a copy button. */
export function CreateAssistantDialog({ open, onClose, practitioners }: CreateAssistantDialogProps) {
  const { t } = useTranslation();
  const create = useCreateAssistant();
  const nameInput = useRef<HTMLInputElement>(null);
  const keyInput = useRef<HTMLInputElement>(null);
  const keyHintId = useId();
  const [name, setName] = useState('');
  const [assignee, setAssignee] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedAssistant | null>(null);
  const [isCopied, setCopied] = useState(false);

  useOnOpen(open, () => {
    setName('');
    setAssignee('');
    setNameError(undefined);
    setFormError(null);
    setCopied(false);
  });

  // The key leaves memory with the dialog: nothing shows it again.
  const close = () => {
    setCreated(null);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(t('assistants.create.nameRequired'));
      nameInput.current?.focus();
      return;
    }
    setFormError(null);
    try {
      const assistant = await create.mutateAsync({ name: name.trim(), assigneeUserId: assignee || null });
      setCreated(assistant);
      requestAnimationFrame(() => keyInput.current?.focus());
    } catch (error) {
      if (isApiError(error) && error.fields.some((f) => f.path === 'name')) {
        setNameError(t('assistants.create.nameInvalid'));
      } else {
        setFormError(errorText(t, error));
      }
    }
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.apiKey);
      setCopied(true);
      toast.success(t('assistants.key.copied'));
    } catch {
      // No clipboard access (an old browser, a denied permission): the key is selected to copy by hand.
      keyInput.current?.select();
      toast.info(t('assistants.key.copyByHand'));
    }
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      title={created ? t('assistants.key.title', { name: created.name }) : t('assistants.create.title')}
      description={created ? undefined : t('assistants.create.description')}
      initialFocus={created ? keyInput : nameInput}
    >
      {created ? (
        <div>
          <div className="space-y-4 px-6 py-5">
            <div className="flex gap-2.5 rounded-xl border border-amber-200 bg-amber-50 px-3.5 py-3 text-sm text-amber-900">
              <AlertIcon className="mt-px size-4.5 shrink-0" />
              <p id={keyHintId}>{t('assistants.key.once')}</p>
            </div>
            <div>
              <label htmlFor={`${keyHintId}-key`} className="block text-sm font-medium text-slate-800">
                {t('assistants.key.label')}
              </label>
              <div className="mt-1.5 flex flex-col gap-2 sm:flex-row">
                <input
                  id={`${keyHintId}-key`}
                  ref={keyInput}
                  readOnly
                  value={created.apiKey}
                  aria-describedby={keyHintId}
                  onFocus={(e) => e.currentTarget.select()}
                  className="block w-full min-w-0 rounded-lg border-0 bg-slate-50 px-3 py-2.5 font-mono text-sm text-slate-900 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-teal-600 focus:outline-none"
                />
                <Button
                  variant="secondary"
                  onClick={() => void copy()}
                  icon={isCopied ? <CheckIcon className="size-4" /> : <CopyIcon className="size-4" />}
                >
                  {isCopied ? t('assistants.key.copiedButton') : t('assistants.key.copy')}
                </Button>
              </div>
            </div>
            <p className="text-sm text-slate-600">
              {t('assistants.key.howTo')}{' '}
              <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs whitespace-nowrap text-slate-800">
                Authorization: Bearer …
              </code>
            </p>
            {/* What a person wiring their phone line's AI needs next: where, and what to call. */}
            <p className="text-sm text-slate-600">
              {t('assistants.key.address')}{' '}
              <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs break-all text-slate-800">
                {window.location.origin}/api/assistant
              </code>
            </p>
            <p className="text-sm">
              <a
                href={`${paths.api.apiDocs}#/${encodeURIComponent(voiceAssistantTag)}`}
                target="_blank"
                rel="noreferrer"
                className="font-medium text-teal-700 hover:text-teal-800 hover:underline"
              >
                {t('assistants.key.docs')}
              </a>
            </p>
          </div>
          <div className="flex justify-end border-t border-slate-100 px-6 py-4">
            <Button onClick={close}>{t('assistants.key.done')}</Button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} noValidate>
          <div className="space-y-4 px-6 py-5">
            {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
            <TextField
              ref={nameInput}
              label={t('assistants.create.name')}
              placeholder={t('assistants.create.namePlaceholder')}
              autoComplete="off"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setNameError(undefined);
              }}
              error={nameError}
              maxLength={120}
            />
            <AssigneeSelect practitioners={practitioners} value={assignee} onChange={setAssignee} />
          </div>
          <DialogFooter>
            <Button variant="secondary" onClick={close}>
              {t('assistants.create.cancel')}
            </Button>
            <Button type="submit" isLoading={create.isPending}>
              {t('assistants.create.submit')}
            </Button>
          </DialogFooter>
        </form>
      )}
    </Dialog>
  );
}
