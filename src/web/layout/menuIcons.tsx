import type { ReactNode } from 'react';
import { AppstoreOutlined, LineChartOutlined, AuditOutlined, CheckSquareOutlined, ClusterOutlined, DashboardOutlined, FundProjectionScreenOutlined, FlagOutlined, ProfileOutlined, TeamOutlined } from '@ant-design/icons';

/** The icon names used in src/shared/menu.ts. */
export const MENU_ICONS: Record<string, ReactNode> = {
  todo: <CheckSquareOutlined />,
  assessment: <FundProjectionScreenOutlined />,
  framework: <ProfileOutlined />,
  org: <ClusterOutlined />,
  user: <TeamOutlined />,
  audit: <AuditOutlined />,
  dashboard: <DashboardOutlined />,
  evaluation: <FlagOutlined />,
  indicators: <LineChartOutlined />,
};

/** A menu entry whose icon name is not (yet) mapped still gets one. */
export const menuIcon = (name: string): ReactNode => MENU_ICONS[name] ?? <AppstoreOutlined />;
