import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import {
  createUserBody,
  setRoleBody,
  updateUserBody,
  USER_STATUS_LABELS,
  type ApproveUserResult,
  type CreateUserBody,
  type ResetPasswordResult,
  type UserSummary,
} from '../../../shared/contracts/users';
import { ROLE_LABELS, SERVER_ONLY_ROLES, type Role } from '../../../shared/roles';
import { ApiError, errorMessage } from '../../api/client';
import { createUser, resetUserPassword, setUserRole, updateUser } from '../../api/users';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { formatDateTime } from '../../lib/format';
import { formErrorMessage, showFieldProblems, zodProblems, validated } from '../../lib/forms';
import type { OrgNode } from '../../lib/orgTree';
import { ASSIGNABLE_ROLE_OPTIONS, roleOrgHint } from './userLabels';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

const blankToNull = (s: string | undefined | null) => (s && s.trim() ? s.trim() : null);

/** A 409 answer: the other person's version of the user, shown above the form. */
function ConflictAlert({ message, current }: { message: string; current: UserSummary | null }) {
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      message={message}
      description={
        current && (
          <span data-testid="user-conflict">
            当前内容：姓名「{current.displayName}」，角色「{ROLE_LABELS[current.role]}」，单位「{current.orgUnitName}」，电话「
            {current.phone ?? '—'}」，状态「{USER_STATUS_LABELS[current.status]}」。如仍要保存您的修改，请再次点击“仍然保存”。
          </span>
        )
      }
    />
  );
}

interface ModalProps {
  onClose(): void;
  onSaved(user: UserSummary): void;
}

type CreateValues = Omit<CreateUserBody, 'phone' | 'password'> & { phone?: string };
const CREATE_FIELDS = ['username', 'displayName', 'role', 'orgUnitId', 'phone'] as const;

export function CreateUserModal({ orgTree, onClose, onSaved }: ModalProps & { orgTree: OrgNode[] }) {
  const [form] = Form.useForm<CreateValues>();
  const caret = useCaretOnOpen();
  const role = Form.useWatch('role', form);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const parsed = createUserBody.safeParse({ ...v, phone: blankToNull(v.phone) });
    if (!parsed.success) {
      showFieldProblems(form, zodProblems(parsed.error.issues), CREATE_FIELDS);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      onSaved(await createUser(parsed.data));
    } catch (err) {
      setError(formErrorMessage(form, err, CREATE_FIELDS));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title="新建用户" okText="创建" onOk={submit} confirmLoading={saving} onCancel={onClose} width={560}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="三员分立：这里填写的角色与所属单位须经安全管理员审核，审核通过前账户不能登录。"
        description="新建账户不设密码：安全管理员审核通过时由系统生成一次性密码，只显示给安全管理员一次，由其当面或电话告知本人。"
      />
      <Form<CreateValues> form={form} layout="vertical" autoComplete="off" data-testid="create-user-form">
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }]} extra="3–32位小写字母、数字、点、下划线或连字符">
          <Input ref={caret.ref} maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={ASSIGNABLE_ROLE_OPTIONS} placeholder="请选择角色" />
        </Form.Item>
        <Form.Item name="orgUnitId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]} extra={roleOrgHint(role)}>
          <OrgTreeSelect tree={orgTree} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话">
          <Input maxLength={20} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EditValues {
  displayName: string;
  phone?: string | null;
  status: UserSummary['status'];
}
const EDIT_FIELDS = ['displayName', 'phone', 'status'] as const;

/** The system administrator's edit: name, phone, status. Role and unit are the security administrator's (三员分立). */
export function EditUserModal({ user, onClose, onSaved }: ModalProps & { user: UserSummary }) {
  const [form] = Form.useForm<EditValues>();
  const caret = useCaretOnOpen();
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<UserSummary | null>(null);
  const [version, setVersion] = useState(user.version);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    form.setFieldsValue({ displayName: user.displayName, phone: user.phone ?? '', status: user.status });
  }, [form, user]);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    // A pending account is activated by the security administrator's review, not here.
    const status = user.status === 'pending' ? undefined : v.status;
    const parsed = updateUserBody.safeParse({ ...v, status, phone: blankToNull(v.phone), version });
    if (!parsed.success) {
      showFieldProblems(form, zodProblems(parsed.error.issues), EDIT_FIELDS);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      onSaved(await updateUser(user.id, parsed.data));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.current) {
        const latest = err.current as UserSummary;
        setCurrent(latest);
        setVersion(latest.version);
        setError(err.message);
      } else {
        setError(formErrorMessage(form, err, EDIT_FIELDS));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title={`编辑用户 — ${user.username}`} okText={current ? '仍然保存' : '保存'} onOk={submit} confirmLoading={saving} onCancel={onClose} width={560}>
      {error && (current ? <ConflictAlert message={error} current={current} /> : <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />)}
      <Form<EditValues> form={form} layout="vertical">
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input ref={caret.ref} maxLength={40} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item label="角色与所属单位" extra="角色与所属单位由安全管理员分配">
          <span data-testid="edit-user-role-org">
            {ROLE_LABELS[user.role]}，{user.orgUnitName}
          </span>
        </Form.Item>
        <Form.Item
          name="status"
          label="状态"
          extra={
            SERVER_ONLY_ROLES.includes(user.role)
              ? user.status === 'active' ? undefined : '三员账户不经安全管理员审核：启用后即可用原密码登录'
              : user.status === 'pending' ? '待安全管理员审核，审核通过后启用' : user.status === 'disabled' ? '重新启用须经安全管理员审核：保存后账户为“待审核”，审核通过后方可登录' : undefined
          }
        >
          <Radio.Group
            disabled={user.status === 'pending' && !SERVER_ONLY_ROLES.includes(user.role)}
            options={[
              { value: 'active', label: USER_STATUS_LABELS.active },
              { value: 'disabled', label: USER_STATUS_LABELS.disabled },
              ...(user.status === 'pending' ? [{ value: 'pending', label: USER_STATUS_LABELS.pending }] : []),
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RoleModal({ user, orgTree, onClose, onSaved }: ModalProps & { user: UserSummary; orgTree: OrgNode[] }) {
  const [form] = Form.useForm<{ role: Role; orgUnitId: number }>();
  const caret = useCaretOnOpen();
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<UserSummary | null>(null);
  const [version, setVersion] = useState(user.version);
  const [saving, setSaving] = useState(false);
  const role = Form.useWatch('role', form);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const parsed = setRoleBody.safeParse({ role: v.role, orgUnitId: v.orgUnitId, version });
    if (!parsed.success) {
      showFieldProblems(form, zodProblems(parsed.error.issues), ['role', 'orgUnitId']);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      onSaved(await setUserRole(user.id, parsed.data.role, parsed.data.orgUnitId ?? user.orgUnitId, parsed.data.version));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.current) {
        const latest = err.current as UserSummary;
        setCurrent(latest);
        setVersion(latest.version);
        setError(err.message);
      } else {
        setError(formErrorMessage(form, err, ['role', 'orgUnitId']));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title={`分配角色与单位 — ${user.displayName}（${user.username}）`} okText={current ? '仍然保存' : '保存'} onOk={submit} confirmLoading={saving} onCancel={onClose}>
      {error && (current ? <ConflictAlert message={error} current={current} /> : <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />)}
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message="修改角色或所属单位后，该用户的现有登录将失效，需重新登录。" />
      <Form form={form} layout="vertical" initialValues={{ role: user.role, orgUnitId: user.orgUnitId }}>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]} extra={roleOrgHint(role)}>
          <Select ref={caret.ref} options={ASSIGNABLE_ROLE_OPTIONS} />
        </Form.Item>
        <Form.Item name="orgUnitId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
          <OrgTreeSelect tree={orgTree} allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A one-time password the server generated, shown this once, to hand to the user in person or by phone. */
function OneTimePassword({ value, validUntil, signInNotice }: { value: string; validUntil: string; signInNotice: string }) {
  return (
    <>
      <Alert type="success" showIcon style={{ marginBottom: 16 }} message="已生成一次性密码。它只显示这一次，请当面或电话告知本人。" />
      <Typography.Paragraph>
        一次性密码：
        <Typography.Text code copyable strong data-testid="one-time-password">
          {value}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph data-testid="one-time-password-valid-until">
        有效至{formatDateTime(validUntil)}：请告知本人在此之前登录并修改密码，逾期不能再用于登录，须重新重置密码。
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" data-testid="one-time-password-notice">
        该用户用它登录后只能修改密码；登录时会看到提示：“{signInNotice}”
      </Typography.Paragraph>
    </>
  );
}

/**
 * An approved account's first password: generated by the server at the approval (the system administrator who asked
 * for the account sets none — 三员分立), shown to the security administrator this once.
 */
export function ApprovedPasswordModal({ result, onClose }: { result: ApproveUserResult; onClose(): void }) {
  return (
    <Modal
      open
      title={`已通过账户 — ${result.user.displayName}（${result.user.username}）`}
      okText="我已记下，关闭"
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
    >
      <OneTimePassword value={result.oneTimePassword} validUntil={result.validUntil} signInNotice={result.signInNotice} />
    </Modal>
  );
}

/** The server generates a one-time password; it is shown here once, to hand to the user in person or by phone. */
export function ResetPasswordModal({ user, onClose, onSaved }: ModalProps & { user: UserSummary }) {
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<ResetPasswordResult | null>(null);

  const submit = async () => {
    if (result) {
      onSaved(result.user);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      setResult(await resetUserPassword(user.id, user.version));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`重置密码 — ${user.displayName}（${user.username}）`}
      okText={result ? '我已记下，关闭' : '生成一次性密码'}
      onOk={submit}
      confirmLoading={saving}
      onCancel={result ? () => onSaved(result.user) : onClose}
      cancelButtonProps={result ? { style: { display: 'none' } } : undefined}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {result ? (
        <>
          <OneTimePassword value={result.oneTimePassword} validUntil={result.validUntil} signInNotice={result.signInNotice} />
        </>
      ) : (
        <Alert
          type="info"
          showIcon
          message="重置后该用户的现有登录将失效，账户锁定同时解除。系统将生成一次性密码，用户用它登录后必须先修改密码。"
        />
      )}
    </Modal>
  );
}
