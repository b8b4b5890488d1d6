/**
 * Every error code the backend can answer with, and the message a member reads.
 * Codes are stable (pages branch on them); messages may be refined per call.
 */
export const ERROR_MESSAGES = {
  'REQUEST.MALFORMED': '请求格式不正确',
  'REQUEST.UNKNOWN_ACTION': '不支持的操作',
  'REQUEST.INVALID': '提交的内容有误，请检查后重试',
  'REQUEST.TOO_LARGE': '提交的内容过大',
  'AUTH.NO_IDENTITY': '无法识别您的微信身份，请在微信中重新打开小程序',
  'AUTH.NOT_BOUND': '您还没有绑定委员身份，请先完成绑定',
  'AUTH.INACTIVE': '您的账号已停用，请联系政协办公室',
  'AUTH.FORBIDDEN': '您没有权限执行此操作',
  'STORE.CONFLICT': '数据已被他人修改，请刷新后重试',
  'SYSTEM.INTERNAL': '系统繁忙，请稍后再试',
  'SYSTEM.UNAVAILABLE': '服务暂时无法连接，请检查网络后重试',
  'MEMBER.NOT_FOUND': '未找到该人员',
  'MEMBER.LAST_ADMIN': '不能移除最后一位管理员',
  'BIND.ALREADY_BOUND': '当前微信已绑定其他人员，如需更换请联系政协办公室',
  'BIND.MEMBER_TAKEN': '该人员已绑定其他微信，如需更换请联系政协办公室',
  'BIND.CODE_UNKNOWN': '邀请码不存在，请核对后重新输入',
  'BIND.CODE_USED': '该邀请码已被使用',
  'BIND.CODE_EXPIRED': '该邀请码已过期，请联系政协办公室重新获取',
  'BIND.CODE_REVOKED': '该邀请码已作废，请使用最新的邀请码',
  'BIND.TOO_MANY_ATTEMPTS': '尝试次数过多，请一小时后再试',
  'BIND.PHONE_CODE_INVALID': '手机号授权已失效，请重新授权',
  'BIND.PHONE_NOT_ON_ROSTER': '该手机号不在委员名册中，请使用邀请码绑定或联系政协办公室',
  'BIND.PHONE_AMBIGUOUS': '该手机号对应多名人员，请使用邀请码绑定',
  'BIND.NOT_BOUND': '该人员尚未绑定微信',
  'ROSTER.FILE_UNREADABLE': '无法读取名册文件，请上传 CSV 或 Excel（.xlsx）文件',
  'ROSTER.INVALID_ROWS': '名册中有错误，未导入任何数据，请按提示修改后重新上传',
  'ROSTER.EMPTY': '名册文件中没有数据行',
  'LEDGER.ENTRY_NOT_FOUND': '未找到该积分记录',
  'LEDGER.NO_DRAFT': '该年度没有待发布的考核办法草稿',
  'LEDGER.UNKNOWN_CATEGORY': '考核办法中没有这个积分类别',
  'LEDGER.NOT_A_MEMBER': '该人员不是委员，不参与履职积分',
  'LEDGER.YEAR_CLOSED': '该年度考核已结束',
  'LEDGER.YEAR_NOT_CLOSED': '该年度考核尚未结束，无需重新开启',
  'LEDGER.YEAR_NOT_OVER': '该年度还未到 12 月，暂不能结束年度考核',
  'MEETING.NOT_FOUND': '未找到该会议',
  'MEETING.NOT_INVITED': '您不在本次会议的参会名单中',
  'MEETING.NOT_EDITABLE': '会议已结束或已取消，不能再修改',
  'MEETING.NOT_PUBLISHED': '会议通知尚未发布',
  'MEETING.REPLY_CLOSED': '回执已截止，如需请假请联系政协办公室',
  'MEETING.NO_LEAVE_REQUEST': '该委员没有待审批的请假',
  'MEETING.NOT_CLOSED': '会议尚未结束，无需重新开启',
  'MEETING.NOT_STARTED': '会议尚未开始（以最后一场的开始时间为准），开始后才能结束会议',
  'MEETING.LEAVE_UNDECIDED': '还有请假申请未审批，请先批准或不批准后再结束会议',
  'MEETING.SESSION_NOT_FOUND': '未找到该场次',
  'CHECKIN.CODE_INVALID': '这不是有效的签到码，请扫描会场大屏或工作人员出示的签到码',
  'CHECKIN.CODE_EXPIRED': '签到码已过期，请重新扫描现场的签到码',
  'CHECKIN.PASS_EXPIRED': '扫码已超过 10 分钟，请重新扫描现场的签到码',
  'CHECKIN.CODE_UNAVAILABLE': '暂时无法生成签到码，请稍后重试',
  'CHECKIN.WRONG_MEETING': '这是其他会议的签到码，请核对会议',
  'CHECKIN.MEETING_NOT_OPEN': '该会议当前不能签到',
  'CHECKIN.NOT_INVITED': '您不在本次会议的参会名单中，如有疑问请联系工作人员',
  'CHECKIN.WINDOW_CLOSED': '不在签到时间内',
  'CHECKIN.LOCATION_REQUIRED': '本次会议需要定位签到，请允许获取位置后重试',
  'CHECKIN.OUT_OF_RANGE': '您不在会场范围内，请到达会场后再签到',
  'CHECKIN.NOT_CHECKED_IN': '您尚未签到',
  'PROPOSAL.NOT_FOUND': '未找到该提案',
  'PROPOSAL.NOT_EDITABLE': '提案已提交，不能再修改',
  'PROPOSAL.INCOMPLETE': '提案内容不完整，请补充后再提交',
  'PROPOSAL.COSIGNER_INVALID': '联名人须为在册委员，且不能是领衔人本人',
  'PROPOSAL.COSIGN_CLOSED': '联名确认已截止',
  'PROPOSAL.NOT_COSIGNER': '您不是该提案的联名人',
  'PROPOSAL.WRONG_STATE': '提案当前状态不能进行此操作',
  'PROPOSAL.MERGE_INVALID': '只能将待审查的提案并入已立案或待审查的提案',
  'PROPOSAL.NOT_ACCEPTED': '提案尚未立案，不能交办',
  'PROPOSAL.NOT_ASSIGNED': '提案尚未交办给该承办单位',
  'PROPOSAL.NOT_REPLIED': '承办单位尚未答复，暂不能评价',
  'PROPOSAL.NOT_EVALUATOR': '只有提案人和联名人可以评价答复',
  'PROPOSAL.OBJECTION_CLOSED': '已超过承办单位提出异议的期限',
  'PROPOSAL.DEADLINE_LIMIT': '办理期限超过了本会设置的最长办理期限',
  'PROPOSAL.CATEGORY_INVALID': '请从本会设置的提案类别中选择',
  'PROPOSAL.TOO_LONG': '提案超过本会规定的字数，请删减后再提交',
  'PROPOSAL.REPLY_CLASS_INVALID': '本会未设置该答复类别',
  'SETTINGS.UNCHANGED': '设置没有变化，无需保存',
  'UNIT.NOT_FOUND': '未找到该承办单位',
  'OPINION.NOT_FOUND': '未找到该社情民意信息',
  'OPINION.NOT_EDITABLE': '信息已报送，不能再修改',
  'OPINION.INCOMPLETE': '请填写标题（至少 5 字）和正文（至少 50 字）后再报送',
  'OPINION.WRONG_STATE': '该信息当前状态不能进行此操作',
  'OPINION.TOO_LONG': '信息超过本会规定的字数，请删减后再报送',
  'OPINION.MEMBERS_ONLY': '社情民意信息由委员报送；机关工作人员不能以本人名义报送',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** The error half of every response envelope. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Machine-readable details, e.g. the rows of a rejected import or the invalid fields. */
  details?: unknown;
  requestId?: string;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value);
}
