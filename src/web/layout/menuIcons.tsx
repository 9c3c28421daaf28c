import type { ReactNode } from 'react';
import { AppstoreOutlined, AuditOutlined, CalculatorOutlined, CalendarOutlined, CheckSquareOutlined, ClusterOutlined, DashboardOutlined, EditOutlined, FileDoneOutlined, FileProtectOutlined, FundProjectionScreenOutlined, FileTextOutlined, FlagOutlined, LineChartOutlined, NumberOutlined, ProfileOutlined, ScheduleOutlined, TeamOutlined, ToolOutlined, TrophyOutlined } from '@ant-design/icons';

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
  reporting: <EditOutlined />,
  reportingReview: <FileDoneOutlined />,
  reportingPeriods: <CalendarOutlined />,
  honours: <TrophyOutlined />,
  policies: <FileProtectOutlined />,
  calculator: <CalculatorOutlined />,
  workplan: <ScheduleOutlined />,
  rectification: <ToolOutlined />,
  indicators: <LineChartOutlined />,
  analysis: <FileTextOutlined />,
  docNumbers: <NumberOutlined />,
};

/** A menu entry whose icon name is not (yet) mapped still gets one. */
export const menuIcon = (name: string): ReactNode => MENU_ICONS[name] ?? <AppstoreOutlined />;
