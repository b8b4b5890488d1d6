import type { IndexSpec } from '../../cloudfunctions/store/indexes';

/**
 * What `npm run deploy` does to a CloudBase environment, as data: each step names the
 * @cloudbase/manager-node call (`service.method`) and its arguments, so the dry run prints
 * exactly what the real run sends, and a test reads the plan.
 */
export interface DeployStep {
  /** `functions.createFunction`, `database.updateCollection`, `project.write`... */
  call: string;
  args: unknown[];
  /** For people: what the step is for. */
  about: string;
  /** Asked before the call: a step whose `check` answers true is skipped (it is there already). */
  check?: { call: string; args: unknown[] };
}

export interface FunctionBundle {
  name: string;
  config: {
    triggers?: Array<{ name: string; type: string; config: string }>;
    deploy: { runtime: string; timeout: number; memorySize: number };
  };
}

export interface DeployInput {
  envId: string;
  /** The mini-program's AppID (wx…); written to project.config.json. */
  appId: string | null;
  /** Where the bundles were built (each function in `<root>/<name>/`). */
  functionRoot: string;
  bundles: FunctionBundle[];
  collections: Record<string, IndexSpec[]>;
  securityRule: unknown;
  /** Environment variables every function gets (SUBSCRIBE_TEMPLATES...). */
  envVariables: Record<string, string>;
}

export function deployPlan(input: DeployInput): DeployStep[] {
  const steps: DeployStep[] = [];
  for (const [name, indexes] of Object.entries(input.collections)) {
    steps.push({
      call: 'database.createCollectionIfNotExists',
      args: [name],
      about: `集合 ${name}`,
    });
    for (const index of indexes)
      steps.push({
        call: 'database.updateCollection',
        args: [
          name,
          {
            CreateIndexes: [
              {
                IndexName: index.name,
                MgoKeySchema: {
                  MgoIndexKeys: index.fields.map(([field, dir]) => ({
                    Name: field,
                    Direction: dir === 'asc' ? '1' : '-1',
                  })),
                  MgoIsUnique: Boolean(index.unique),
                },
              },
            ],
          },
        ],
        about: `索引 ${name}.${index.name}`,
        check: { call: 'database.checkIndexExists', args: [name, index.name] },
      });
    steps.push({
      call: 'permission.modifyResourcePermission',
      args: [
        {
          resourceType: 'collection',
          resource: name,
          permission: 'CUSTOM',
          securityRule: JSON.stringify(input.securityRule),
        },
      ],
      about: `安全规则 ${name}（客户端不能直接读写）`,
    });
  }
  for (const b of input.bundles) {
    const func = {
      name: b.name,
      handler: 'index.main',
      runtime: b.config.deploy.runtime,
      timeout: b.config.deploy.timeout,
      memorySize: b.config.deploy.memorySize,
      installDependency: false,
      envVariables: input.envVariables,
    };
    steps.push({
      call: 'functions.createFunction',
      args: [{ func, functionRootPath: input.functionRoot, force: true }],
      about: `云函数 ${b.name}（代码）`,
    });
    steps.push({
      call: 'functions.updateFunctionConfig',
      args: [func],
      about: `云函数 ${b.name}：超时 ${func.timeout} 秒，内存 ${func.memorySize} MB`,
    });
    if (b.config.triggers?.length)
      steps.push({
        call: 'functions.createFunctionTriggers',
        args: [b.name, b.config.triggers],
        about: `云函数 ${b.name} 的定时触发器（${b.config.triggers.map((t) => t.config).join('，')}）`,
      });
  }
  steps.push({
    call: 'project.write',
    args: ['miniprogram/deployment.ts', { cloudEnv: input.envId }],
    about: `小程序使用环境 ${input.envId}（体验版、正式版）`,
  });
  if (input.appId)
    steps.push({
      call: 'project.write',
      args: ['project.config.json', { appid: input.appId }],
      about: `project.config.json 的 appid 设为 ${input.appId}`,
    });
  return steps;
}

/** What no API sets: the consoles, by hand, once per environment (printed after a run). */
export const BY_HAND = [
  '订阅消息：在小程序管理后台选用会议通知、会议变更、请假结果、回执提醒四个模板，把模板 id 和字段写进 SUBSCRIBE_TEMPLATES 后再运行一次部署',
  '内容安全：小程序管理后台 → 开发管理 → 开发设置 → 消息推送 → 启用（接收方云开发，JSON），再在云开发控制台添加推送配置 event / wxa_media_check → 云函数 reading（读书笔记图片的检测结果，见 README「Content security」）',
  '签到码：默认是小程序码，须先发布包含 pages/meetings/checkin/index 的版本；如改用扫普通链接二维码，按 README「The door’s check-in code」B 配置规则、校验文件和 CHECKIN_LINK_BASE',
  '隐私保护指引：小程序管理后台 → 设置 → 服务内容声明，声明手机号、位置（签到地理围栏）、相册（读书笔记图片）的用途',
  '位置接口：小程序管理后台 → 开发管理 → 接口设置，申请 wx.getLocation（会场签到的地理围栏）',
  '云存储权限：云开发控制台 → 存储 → 权限设置，设为“仅创建者可读写”（附件由云函数按权限发放临时链接）',
  '首位管理员：导入名册后在控制台把一位人员的 roles 改为包含 admin，再用邀请码绑定（见 README）',
  '上传小程序：用开发者工具上传本次部署写入的 miniprogram/deployment.ts 和 appid，提交体验版',
];
