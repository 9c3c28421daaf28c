/**
 * The header of every page, as Ant Design Pro pages have: breadcrumbs from 首页 down to this page (each a link
 * except the last), a 返回 button to the page above, the title with its tags, and the page's actions on the
 * right. The crumbs come from the breadcrumb table in navigation.ts and the route's parameters; a page names
 * its loaded objects (the cycle's title for /assessment/:id) through `names`, and a tab through `tail`.
 */
import type { ReactNode } from 'react';
import { Breadcrumb, Button, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, matchPath, useLocation, useNavigate, useParams } from 'react-router-dom';
import { crumbChain, fillPath, PAGE_CRUMBS } from '../navigation';

export interface PageHeaderProps {
  /** the title; by default the loaded name of this page's object, else the page's crumb title */
  title?: ReactNode;
  /** tags or a short note after the title */
  tags?: ReactNode;
  /** the names of loaded objects by route pattern, e.g. {'/assessment/:id': '2023年度…考核'} */
  names?: Record<string, string | undefined>;
  /** one more crumb under this page (the open tab), not a link */
  tail?: string;
  /** the page's actions (buttons) */
  extra?: ReactNode;
}

export default function PageHeader({ title, tags, names = {}, tail, extra }: PageHeaderProps) {
  const navigate = useNavigate();
  const params = useParams();
  const { pathname } = useLocation();
  const page = PAGE_CRUMBS.find((c) => matchPath(c.path, pathname));
  const chain = page ? crumbChain(page.path) : [];
  const here = chain[chain.length - 1];
  const parent = chain.length > 1 ? chain[chain.length - 2] : undefined;
  const crumbs = [
    { title: '首页', path: '/' },
    ...chain.map((c) => ({ title: names[c.path] ?? c.title, path: fillPath(c.path, params) })),
    ...(tail ? [{ title: tail, path: '' }] : []),
  ];
  return (
    <div className="kp-page-header" data-testid="page-header">
      <Breadcrumb
        data-testid="breadcrumb"
        items={crumbs.map((c, i) => ({
          key: `${i}`,
          title: i < crumbs.length - 1 ? <Link to={c.path}>{c.title}</Link> : <span aria-current="page">{c.title}</span>,
        }))}
      />
      <div className="kp-page-header-row">
        <div className="kp-page-header-heading">
          {parent && (
            <Button
              type="text"
              size="small"
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate(fillPath(parent.path, params))}
              data-testid="page-back"
              aria-label={`返回${names[parent.path] ?? parent.title}`}
            >
              返回
            </Button>
          )}
          <Typography.Title level={4} className="kp-page-header-title" data-testid="page-title" ellipsis={{ tooltip: true }}>
            {title ?? (here ? (names[here.path] ?? here.title) : '')}
          </Typography.Title>
          {tags && <span className="kp-page-header-tags">{tags}</span>}
        </div>
        {extra && <div className="kp-page-header-extra">{extra}</div>}
      </div>
    </div>
  );
}
