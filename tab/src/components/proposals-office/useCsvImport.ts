import { useEffect, useState } from 'react';
import type { ProposalImportResultDto } from '#shared/tab-api';
import { importProposalsCsv } from '../../api/proposals';
import { useAction } from '../../hooks/useAction';

/**
 * CSV取込's two steps: a chosen file is checked on the server at once (dry run, nothing written) and
 * only `runImport` imports it. Every opening of the dialog starts afresh.
 */
export const useCsvImport = (open: boolean) => {
  const [file, setFile] = useState<File>();
  const check = useAction((api, csv: File) => importProposalsCsv(api, csv, { dryRun: true }));
  const importCsv = useAction((api, csv: File) => importProposalsCsv(api, csv, { dryRun: false }));
  const [preview, setPreview] = useState<ProposalImportResultDto>();
  const [imported, setImported] = useState<ProposalImportResultDto>();
  const resetCheck = check.reset;
  const resetImport = importCsv.reset;

  useEffect(() => {
    if (!open) return;
    setFile(undefined);
    setPreview(undefined);
    setImported(undefined);
    resetCheck();
    resetImport();
  }, [open, resetCheck, resetImport]);

  const choose = async (chosen: File | undefined) => {
    if (!chosen) return;
    setFile(chosen);
    setPreview(undefined);
    resetImport();
    setPreview(await check.run(chosen));
  };

  const runImport = async () => {
    if (!file) return;
    const result = await importCsv.run(file);
    if (result) setImported(result);
  };

  return {
    file,
    preview,
    imported,
    checking: check.running,
    importing: importCsv.running,
    busy: check.running || importCsv.running,
    /** The import's failure, else the check's. */
    failure: importCsv.error ?? check.error,
    importFailed: importCsv.error !== undefined,
    choose,
    runImport,
  };
};

export type CsvImport = ReturnType<typeof useCsvImport>;
