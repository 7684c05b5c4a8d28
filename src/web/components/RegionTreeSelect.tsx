import { useEffect, useState, type ReactNode } from 'react';
import { TreeSelect } from 'antd';
import type { RegionLevel } from '../../shared/regions.js';
import { api } from '../api/client.js';
import type { RegionView } from '../api/types.js';

export interface RegionOption {
  value: string;
  label: ReactNode;
}

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
  selectable: boolean;
}

interface Props {
  id?: string;
  value?: RegionOption | RegionOption[] | null;
  onChange?(value: RegionOption | RegionOption[] | undefined): void;
  multiple?: boolean;
  /** When given, only regions of these levels can be chosen; the others only open. */
  selectableLevels?: readonly RegionLevel[];
  placeholder?: string;
  allowClear?: boolean;
}

/** Picks regions from the user's scope, opening the tree level by level as the user goes down it. */
export function RegionTreeSelect({ selectableLevels, value, onChange, multiple, ...rest }: Props) {
  const [nodes, setNodes] = useState<Node[]>([]);

  const toNode = (r: RegionView): Node => ({
    id: r.code,
    pId: r.parentCode,
    value: r.code,
    title: r.name,
    isLeaf: !r.hasChildren,
    selectable: !selectableLevels || selectableLevels.includes(r.level),
  });

  useEffect(() => {
    api.get<RegionView[]>('/regions').then((roots) => setNodes(roots.map(toNode)), () => setNodes([]));
    // Roots depend only on the session.
  }, []);

  const loadData = async (node: { value?: string | number | null }) => {
    const code = String(node.value);
    if (nodes.some((n) => n.pId === code)) return;
    const children = await api.get<RegionView[]>(`/regions/${code}/children`);
    setNodes((prev) => [...prev, ...children.filter((c) => !prev.some((n) => n.id === c.code)).map(toNode)]);
  };

  return (
    <TreeSelect
      {...rest}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      multiple={multiple}
      labelInValue
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      showSearch
      treeNodeFilterProp="title"
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)' } } }}
    />
  );
}
