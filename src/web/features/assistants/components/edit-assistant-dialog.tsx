import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { Assistant } from '../../../../shared/assistants.ts';
import { ErrorAlert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { Dialog, DialogFooter } from '../../../components/dialog.tsx';
import { TextField } from '../../../components/field.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { useUpdateAssistant } from '../api/update-assistant.ts';
import { AssigneeSelect, type Practitioner } from './assignee-select.tsx';

interface EditAssistantDialogProps {
  assistant: Assistant;
  practitioners: Practitioner[];
  onClose: () => void;
}

/** Renames an assistant or gives its line to another practitioner, keeping its key. */
export function EditAssistantDialog({ assistant, practitioners, onClose }: EditAssistantDialogProps) {
  const { t } = useTranslation();
  const update = useUpdateAssistant();
  const nameInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(assistant.name);
  const [assignee, setAssignee] = useState(assistant.assigneeUserId ?? '');
  const [nameError, setNameError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(t('assistants.create.nameRequired'));
      nameInput.current?.focus();
      return;
    }
    setFormError(null);
    try {
      const saved = await update.mutateAsync({
        id: assistant.id,
        name: name.trim(),
        assigneeUserId: assignee || null,
      });
      toast.success(t('assistants.edit.saved', { name: saved.name }));
      onClose();
    } catch (error) {
      setFormError(errorText(t, error));
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('assistants.edit.title', { name: assistant.name })}
      description={t('assistants.edit.description')}
      initialFocus={nameInput}
    >
      <form onSubmit={submit} noValidate>
        <div className="space-y-4 px-6 py-5">
          {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
          <TextField
            ref={nameInput}
            label={t('assistants.create.name')}
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
          <Button variant="secondary" onClick={onClose}>
            {t('assistants.create.cancel')}
          </Button>
          <Button type="submit" isLoading={update.isPending}>
            {t('assistants.edit.save')}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
