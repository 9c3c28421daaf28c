/**
 * The 驾驶舱's card of a published work plan (工作要点督办): the tasks by light, how many are closed (销号), the tasks
 * overdue (red) with why, and the way to the plan's page. The lights are the plan page's, for the same day.
 */
import { Card, Col, Empty, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { DashboardWorkPlan } from '../../../shared/contracts/dashboard';

const LIGHTS = [
  { key: 'green', title: '正常', color: '#52c41a' },
  { key: 'yellow', title: '预警', color: '#faad14' },
  { key: 'red', title: '逾期', color: '#ff4d4f' },
  { key: 'done', title: '已办结', color: '#8c8c8c' },
] as const;

export function WorkPlanCard({ w }: { w: DashboardWorkPlan }) {
  return (
    <Card
      title={
        <Space wrap>
          <span>工作要点督办</span>
          <Link to="/workplan">{w.title}</Link>
        </Space>
      }
      extra={<Typography.Text type="secondary">{`${w.issuer}，灯的计算日期${w.asOf}`}</Typography.Text>}
      data-testid="dashboard-workplan"
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10}>
          <Row gutter={[8, 8]}>
            {LIGHTS.map((l) => (
              <Col span={6} key={l.key}>
                <Statistic title={l.title} value={w.lights[l.key]} suffix="项" valueStyle={{ color: l.color }} />
              </Col>
            ))}
          </Row>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            共{w.tasks}项任务，已销号{w.closed}项。
          </Typography.Paragraph>
        </Col>
        <Col xs={24} md={14}>
          {w.overdue.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有亮红灯的任务" />
          ) : (
            <List
              size="small"
              header={<Typography.Text strong>亮红灯的任务（{w.overdue.length}）</Typography.Text>}
              dataSource={w.overdue}
              renderItem={(t) => (
                <List.Item>
                  <Space direction="vertical" size={0}>
                    <Space wrap>
                      <Tag color="error">{t.label}</Tag>
                      <Link to={`/workplan/tasks/${t.id}`}>{`${t.number}. ${t.title}`}</Link>
                      <Typography.Text type="secondary">{t.lead}</Typography.Text>
                    </Space>
                    <Typography.Text type="secondary">{t.reasons.join('；')}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Col>
      </Row>
    </Card>
  );
}
