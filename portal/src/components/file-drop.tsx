import { useDropzone, type FileRejection } from 'react-dropzone';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, type PortalSettings } from '../api/settings';

interface FileDropProps {
  id: string;
  files: File[];
  onChange(files: File[]): void;
  limits: PortalSettings['attachments'];
  /** Per file, 0..1, while a submission uploads them. */
  progress: number[] | null;
  disabled?: boolean;
}

/**
 * Files by drag-and-drop or the picker (react-dropzone), checked against the server's limits before
 * anything is sent. The server checks again, on the bytes: this is for the user, not for security.
 */
export function FileDrop({ id, files, onChange, limits, progress, disabled }: FileDropProps) {
  const { t, i18n } = useTranslation();
  const [problems, setProblems] = useState<string[]>([]);
  const size = formatBytes(limits.maxFileBytes, i18n.language);

  const onDrop = (accepted: File[], rejected: FileRejection[]) => {
    const messages: string[] = [];
    const allowed = accepted.filter((file) => {
      const dot = file.name.lastIndexOf('.');
      const extension = dot > 0 ? file.name.slice(dot + 1).toLowerCase() : '';
      if (extension && limits.blockedExtensions.includes(extension)) {
        messages.push(t('form.badType', { name: file.name }));
        return false;
      }
      return true;
    });
    for (const rejection of rejected) {
      messages.push(
        rejection.errors.some((error) => error.code === 'file-too-large') ? t('form.tooBig', { name: rejection.file.name, size }) : t('form.badType', { name: rejection.file.name })
      );
    }
    const next = [...files, ...allowed];
    if (next.length > limits.maxFiles) messages.push(t('form.tooMany', { count: limits.maxFiles }));
    setProblems(messages);
    onChange(next.slice(0, limits.maxFiles));
  };

  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop,
    maxSize: limits.maxFileBytes,
    noClick: true,
    noKeyboard: true,
    disabled,
  });

  return (
    <div className="file-drop-field">
      <div {...getRootProps({ className: isDragActive ? 'file-drop file-drop-active' : 'file-drop' })}>
        <input {...getInputProps({ id })} />
        <p>
          {t('form.dropHere')}{' '}
          <button type="button" className="button button-link" onClick={open} disabled={disabled}>
            {t('form.choose')}
          </button>
        </p>
        <p className="hint" id={`${id}-limits`}>
          {t('form.limits', { count: limits.maxFiles, size, blocked: limits.blockedExtensions.map((extension) => `.${extension}`).join(', ') })}
        </p>
      </div>
      {problems.length > 0 && (
        <ul className="alert alert-error" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {files.length > 0 && (
        <ul className="file-list">
          {files.map((file, index) => (
            <li key={`${file.name}-${index}`}>
              <span className="file-name">{file.name}</span> <span className="hint">({formatBytes(file.size, i18n.language)})</span>
              {progress ? (
                <progress max={1} value={progress[index] ?? 0} aria-label={t('form.uploadProgress', { percent: Math.round((progress[index] ?? 0) * 100) })} />
              ) : (
                <button type="button" className="button button-link" onClick={() => onChange(files.filter((_, i) => i !== index))} disabled={disabled}>
                  {t('form.remove', { name: file.name })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
