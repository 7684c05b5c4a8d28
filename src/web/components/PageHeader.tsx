import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** A page's title with its actions; the actions wrap under the title on a phone. */
export function PageHeader({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-header">
      <div className="page-header-row">
        <Typography.Title level={3} className="page-title">{title}</Typography.Title>
        {extra && <div className="page-actions">{extra}</div>}
      </div>
      {children}
    </div>
  );
}
