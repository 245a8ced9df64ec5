import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { Button } from '../../../components/button.tsx';
import { DownloadIcon } from '../../../components/icons.tsx';
import { downloadText } from '../../../lib/download.ts';
import { errorText } from '../../../lib/form-errors.ts';
import { dayKey } from '../../../lib/format.ts';
import { getAllAdminAppointments } from '../api/get-admin-appointments.ts';
import { appointmentsCsv } from '../lib/export-appointments.ts';
import type { AppointmentFilters } from '../lib/filters.ts';

/** Downloads the filtered list (every page of it, not only the rows on screen) as a CSV file. */
export function ExportAppointmentsButton({
  filters,
  timeZone,
}: {
  filters: AppointmentFilters;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const [isExporting, setExporting] = useState(false);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const rows = await getAllAdminAppointments(filters, timeZone);
      if (rows.length === 0) {
        toast.info(t('adminAppointments.export.nothing'));
        return;
      }
      const fileName = `${t('adminAppointments.export.fileName')}-${dayKey(new Date(), timeZone)}.csv`;
      downloadText(appointmentsCsv(t, rows, timeZone), fileName);
      toast.success(t('adminAppointments.export.done', { count: rows.length }));
    } catch (error) {
      toast.error(errorText(t, error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Button
      variant="secondary"
      icon={<DownloadIcon className="size-4" />}
      onClick={() => void exportCsv()}
      isLoading={isExporting}
    >
      {t('adminAppointments.export.button')}
    </Button>
  );
}
