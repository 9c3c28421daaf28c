import { Suspense, useMemo, useState, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { App as AntApp, Avatar, Badge, Dropdown, Layout, Menu, Space, Tag, Typography, type MenuProps } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { MENU } from '../../shared/menu';
import { useSession, useUser } from '../access';
import { PageLoading } from '../components/PageLoading';
import { menuIcon } from './menuIcons';
import { badgeCounts, useOpenTodos } from '../pages/todos/todoCounts';
import { useIdleWatch } from './useIdleWatch';
import { homeFor } from '../navigation';

const { Header, Sider, Content } = Layout;

/** The menu entry a path belongs to (/frameworks/x → /frameworks). */
function selectedKey(pathname: string, keys: string[]): string[] {
  const hit = keys.filter((k) => pathname === k || pathname.startsWith(`${k}/`)).sort((a, b) => b.length - a.length)[0];
  return hit ? [hit] : [];
}

export default function AppLayout() {
  const user = useUser();
  const { can, signOut } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  useIdleWatch(user.idleTimeoutMinutes);

  const entries = useMemo(() => MENU.filter((m) => can(m.permission)), [can]);
  const openTodos = useOpenTodos(can('todo.read'), pathname);
  const counts = badgeCounts(openTodos, entries.map((m) => m.path));
  // the count sits at the end of the label; with the sidebar folded (no label) it sits on the icon instead
  const items: MenuProps['items'] = entries.map((m) => {
    const n = counts[m.path];
    const badge = (child?: ReactNode) => (
      <Badge count={n} size="small" offset={child ? [6, -2] : undefined} data-testid={`menu-badge-${m.path}`}>
        {child}
      </Badge>
    );
    return {
      key: m.path,
      icon: n && collapsed ? badge(menuIcon(m.icon)) : menuIcon(m.icon),
      // (the label in an element of its own, kp-menu-label: it is read and found by its exact text, count or not)
      label: n && !collapsed ? (
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
          <span className="kp-menu-label">{m.label}</span>
          {badge()}
        </span>
      ) : (
        <span className="kp-menu-label">{m.label}</span>
      ),
    };
  });

  const accountMenu: MenuProps = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'password') navigate('/account/password');
      if (key === 'logout') void signOut();
    },
  };

  // AntApp (message/modal context for the pages) lives here, not in the entry: the login page needs neither.
  return (
    <AntApp component={false}>
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        // below 1200 px (a 1024×768 screen) the menu folds to its icons, leaving the width to the tables
        breakpoint="xl"
        onBreakpoint={setCollapsed}
        width={208}
        theme="dark"
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <div
          style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#fff', cursor: 'pointer' }}
          onClick={() => navigate(homeFor(user?.role))}
        >
          <span style={{ fontSize: 22, fontWeight: 700, letterSpacing: 2 }}>考评</span>
          {!collapsed && <span style={{ fontSize: 12, marginLeft: 8, opacity: 0.75 }}>质量工作考核评价</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={selectedKey(pathname, entries.map((m) => m.path))}
          onClick={({ key }) => navigate(key)}
          data-testid="side-menu"
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Typography.Text strong style={{ fontSize: 16 }}>
            湖南省质量工作考核评价平台
          </Typography.Text>
          <Dropdown menu={accountMenu} trigger={['click']} placement="bottomRight">
            <a onClick={(e) => e.preventDefault()} data-testid="header-user" style={{ color: 'inherit' }}>
              <Space>
                <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1a5fb4' }} />
                <span data-testid="header-display-name">{user.displayName}</span>
                <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                  {user.roleLabel}
                </Tag>
                <Typography.Text type="secondary">{user.orgUnit.name}</Typography.Text>
                <DownOutlined style={{ fontSize: 10 }} />
              </Space>
            </a>
          </Dropdown>
        </Header>
        <Content style={{ margin: 16 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
    </AntApp>
  );
}
