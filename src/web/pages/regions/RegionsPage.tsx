import { useEffect, useState } from 'react';
import { Card, Col, Drawer, Empty, Row, Spin, Tree } from 'antd';
import { api } from '../../api/client.js';
import type { RegionView } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useIsMobile } from '../../components/media.js';
import { useRequest } from '../../components/useRequest.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { RegionDetailPanel } from './RegionDetailPanel.js';
import { RegionTitle } from './RegionTitle.js';

interface RegionNode {
  key: string;
  isLeaf: boolean;
  region: RegionView;
  children?: RegionNode[];
}

const toNode = (region: RegionView): RegionNode => ({ key: region.code, isLeaf: !region.hasChildren, region });

function withChildren(nodes: RegionNode[], key: string, children: RegionNode[]): RegionNode[] {
  return nodes.map((n) => {
    if (n.key === key) return { ...n, children };
    return n.children ? { ...n, children: withChildren(n.children, key, children) } : n;
  });
}

/** The administrative tree of the user's scope, opened level by level, with counts on every node. */
export function RegionsPage() {
  const { t } = useI18n();
  const mobile = useIsMobile();
  const roots = useRequest(() => api.get<RegionView[]>('/regions'), []);
  const [tree, setTree] = useState<RegionNode[]>([]);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [selected, setSelected] = useState<string>();
  const [loadError, setLoadError] = useState<unknown>();

  const loadChildren = async (code: string) => {
    try {
      const children = await api.get<RegionView[]>(`/regions/${code}/children`);
      setTree((prev) => withChildren(prev, code, children.map(toNode)));
    } catch (err) {
      setLoadError(err);
    }
  };

  useEffect(() => {
    if (!roots.data) return;
    setTree(roots.data.map(toNode));
    // A single scope root (a township, a community) is opened straight away; the tree loads its children.
    if (roots.data.length === 1) setExpanded([roots.data[0].code]);
  }, [roots.data]);

  const detail = selected ? <RegionDetailPanel code={selected} /> : <Empty description={t('region.pickOne')} />;

  return (
    <>
      <PageHeader title={t('nav.regions')} />
      <ErrorAlert error={roots.error ?? loadError} onRetry={roots.reload} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card className="region-tree-card">
            {roots.loading && <Spin className="block-spin" />}
            {!roots.loading && tree.length === 0 && <Empty description={t('common.noData')} />}
            <Tree<RegionNode>
              blockNode
              showLine
              treeData={tree}
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys.map(String))}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => setSelected(keys[0] ? String(keys[0]) : undefined)}
              loadData={(node) => (node.children ? Promise.resolve() : loadChildren(node.key))}
              titleRender={(node) => <RegionTitle region={node.region} />}
              className="region-tree"
              data-testid="region-tree"
            />
          </Card>
        </Col>
        {!mobile && (
          <Col lg={10} xs={24}>
            <Card className="region-detail-card">{detail}</Card>
          </Col>
        )}
      </Row>
      {mobile && (
        <Drawer placement="bottom" size="75%" open={Boolean(selected)} onClose={() => setSelected(undefined)} title={t('region.detail')}>
          {selected && detail}
        </Drawer>
      )}
    </>
  );
}
