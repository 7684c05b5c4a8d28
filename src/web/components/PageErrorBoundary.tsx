import { Component, type ReactNode } from 'react';
import { Button, Result } from 'antd';

interface Props {
  title: string;
  retry: string;
  children: ReactNode;
}

/** A page that fails to render shows a way back instead of a blank screen; the shell stays usable. */
export class PageErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Result
        status="error"
        title={this.props.title}
        extra={<Button type="primary" onClick={() => window.location.reload()}>{this.props.retry}</Button>}
      />
    );
  }
}
