// Realm of Darkness: types generated from the splat registry and the API catalog.
// Do not edit: regenerate with `rod schema export` (or `scripts/schema.sh`).

/** A framework error: `{"detail": "Not found."}`. */
export type Detail = {
  detail: string;
};

/** `{"error": "user_id is required"}`. */
export type ErrorMessage = {
  error: string;
};

/** Messages by field (`non_field_errors` for the whole object), as DRF reports them. */
export type ValidationErrors = {
  [key: string]: Array<string>;
};

/** `{"message": "Character not found"}`. */
export type Message = {
  message: string | Array<string>;
};

/** A user (the original's UserSerializer). */
export type User = {
  /** Discord id. */
  id: string;
  username: string;
  discriminator: string;
  avatar_url: string;
  email: string | null;
  verified: boolean;
  registered: boolean;
  admin: boolean;
  /** Supporter tier, 0 (none) to 7. */
  supporter: number;
  /** ISO 8601 in UTC with microseconds: 2025-01-01T12:00:00.123456Z. */
  created_at: string;
  /** ISO 8601 in UTC with microseconds: 2025-01-01T12:00:00.123456Z. */
  last_saved: string;
  /** ISO 8601 in UTC with microseconds: 2025-01-01T12:00:00.123456Z. */
  last_active: string;
};

/** A chronicle: a Discord guild (the original's ChronicleSerializer). */
export type Chronicle = {
  /** Discord guild id. */
  id: string;
  name: string;
  /** The guild owner's Discord id. */
  owner_id: string;
  icon_url: string;
  tracker_channel: string;
  /** ISO 8601 in UTC with microseconds: 2025-01-01T12:00:00.123456Z. */
  created_at: string;
  /** ISO 8601 in UTC with microseconds: 2025-01-01T12:00:00.123456Z. */
  last_updated: string;
};

/** A user's membership of a chronicle (the original's MemberSerializer). */
export type Member = {
  /** The membership's id. */
  id: string;
  chronicle: Chronicle;
  user: User;
  admin: boolean;
  storyteller: boolean;
  nickname: string;
  avatar_url: string;
  /** ISO 8601 in UTC with microseconds: 2025-01-01T12:00:00.123456Z. */
  created_at: string;
  /** ISO 8601 in UTC with microseconds: 2025-01-01T12:00:00.123456Z. */
  last_updated: string;
  default_character: number | null;
  default_auto_hunger: boolean;
};

/** A user as the gateway sends it. */
export type GatewayUser = {
  /** Discord id. */
  id: string;
  username: string;
  discriminator: string;
  avatar_url: string;
  admin: boolean;
  supporter: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  date_created: number;
};

/** A membership as the gateway sends it. */
export type GatewayMember = {
  /** The membership's id. */
  id: string;
  /** Guild id. */
  chronicle: string;
  /** Discord id. */
  user: string;
  admin: boolean;
  storyteller: boolean;
  /** The nickname, or the username when it is empty. */
  nickname: string;
  avatar_url: string;
  /** Seconds since 1970 (UTC), with a fraction. */
  date_created: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
};

/** A chronicle as the gateway sends it (camelCase keys, as the original). */
export type GatewayChronicle = {
  /** Guild id. */
  id: string;
  name: string;
  iconUrl: string;
  /** Seconds since 1970 (UTC), with a fraction. */
  createdAt: number;
};

/** Characters of a user: sheets, trackers, both. */
export type CharacterCount = {
  sheets: number;
  trackers: number;
  total: number;
};

/** Usage over the last 30 days (the original's stats view). */
export type Statistics = {
  /** Counts, as strings. */
  users: {
    total: string;
    "30days": string;
    "14days": string;
  };
  characters: Array<{
    count: number;
    splat: string;
  }>;
  sheets: Array<{
    count: number;
    splat: string;
  }>;
  all_time_characters: Array<{
    count: number;
    splat: string;
  }>;
  command_stats: Array<{
    command: string;
    bot__username: string;
    count: number;
  }>;
};

/** One change of a character, with each changed trait's value before and after. */
export type HistoryEntry = {
  /** The character's revision after this change. */
  revision: number;
  /** ISO 8601 in UTC with microseconds: 2025-01-01T12:00:00.123456Z. */
  at: string;
  /** `baseline`: the state at this revision, standing for the older changes the retention rule removed. */
  operation: "create" | "update" | "delete" | "import" | "baseline";
  /** Where the change came from; `restore` for a restore or an undo. */
  face: "bot" | "web" | "gateway" | "import" | "restore" | "system";
  /** Who made the change, when known. */
  actor: {
    /** Discord id. */
    id: string;
    username: string;
  } | null;
  /** For a restore: the revision whose state it brought back. */
  restored_from: number | null;
  changes: Array<{
    /** A trait, or `chronicle`, `member` or `avatar`. */
    key: string;
    /** The value before (null before a creation). */
    old: unknown;
    /** The value after. */
    new: unknown;
  }>;
};

/** A page of a character's history, newest first. */
export type CharacterHistory = {
  id: number;
  splat: string;
  name: string;
  /** Deleted; its owner can restore it. */
  deleted: boolean;
  /** The current revision (a deleted one's last). */
  revision: number;
  history: Array<HistoryEntry>;
  /** Send as `before` for the next page; null on the last. */
  next: number | null;
};

/** A chronicle as one of its members sees it. */
export type WebChronicle = {
  chronicle: GatewayChronicle;
  /** The user is a storyteller or admin of it. */
  staff: boolean;
  /** Everyone to staff; to a player, themselves. */
  members: Array<GatewayMember>;
};

/** A member's defaults for the bot in one chronicle. */
export type MemberDefaults = {
  /** The character the bot uses by default in this chronicle. */
  character: number | null;
  auto_hunger: boolean;
};

/** The signed-in user's profile. */
export type UserProfile = {
  user: GatewayUser;
  supporter: {
    level: number;
    name: string;
    sheet_limit: number;
    character_limit: number;
    /** Null: unlimited (a site admin). */
    daily_requests: number | null;
  };
  quota: {
    /** Web requests and field updates left today. */
    remaining: number | null;
    /** ISO 8601 in UTC with microseconds: 2025-01-01T12:00:00.123456Z. */
    resets_at: string;
  };
  memberships: Array<{
    chronicle: GatewayChronicle;
    member: GatewayMember;
    default_character: number | null;
    auto_hunger: boolean;
  }>;
  /** Per splat: the user's sheets and trackers. */
  characters: {
    [key: string]: {
      sheets: number;
      trackers: number;
    };
  };
  /** What the user set for themselves (`PUT /api/user/me`). */
  preferences: {
    [key: string]: unknown;
  };
};

/** Everything the platform stores about a user (times in seconds since 1970). */
export type UserExport = {
  /** Seconds since 1970 (UTC), with a fraction. */
  exported_at: number;
  /** The user's record: Discord's name, avatar and email, tier, dates. */
  user: {
    [key: string]: unknown;
  };
  memberships: Array<{
    [key: string]: unknown;
  }>;
  characters: Array<{
    id: number;
    splat: string;
    revision: number;
    sheet: {
      [key: string]: unknown;
    };
    history: Array<{
      [key: string]: unknown;
    }>;
  }>;
  deleted_characters: Array<{
    [key: string]: unknown;
  }>;
  sessions: Array<{
    /** Seconds since 1970 (UTC), with a fraction. */
    created_at: number;
    /** Seconds since 1970 (UTC), with a fraction. */
    expires_at: number;
  }>;
  api_usage: Array<{
    day: number;
    requests: number;
  }>;
  command_stats: Array<{
    [key: string]: unknown;
  }>;
  patreon_events: Array<{
    [key: string]: unknown;
  }>;
  owned_chronicles: Array<{
    id: number;
    name: string;
  }>;
  preferences: Array<{
    data: string;
  }>;
};

/** A deleted character its owner can restore (`POST /api/character/restore/{id}`). */
export type DeletedCharacter = {
  id: number;
  splat: string;
  name: string;
  /** ISO 8601 in UTC with microseconds: 2025-01-01T12:00:00.123456Z. */
  deleted_at: string;
};

/** A Changeling 20th character as the API returns it (the full sheet). */
export type Changeling20thSheet = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  history: string;
  date_of_birth: string;
  age: string;
  appearance_description: string;
  notes: string;
  notes2: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock: boolean;
  splat: "changeling20th";
  glamour_total: number;
  glamour_current: number;
  banality_total: number;
  banality_current: number;
  nightmare: number;
  imbalance: number;
  chimerical_total: number;
  chimerical_bashing: number;
  chimerical_lethal: number;
  chimerical_aggravated: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  willpower: {
    current: number;
    total: number;
  };
  health: {
    bashing: number;
    lethal: number;
    aggravated: number;
    total: number;
  };
  attributes: {
    strength: {
      value: number;
      /** Specialties of strength */
      spec: Array<string> | null;
    };
    dexterity: {
      value: number;
      /** Specialties of dexterity */
      spec: Array<string> | null;
    };
    stamina: {
      value: number;
      /** Specialties of stamina */
      spec: Array<string> | null;
    };
    charisma: {
      value: number;
      /** Specialties of charisma */
      spec: Array<string> | null;
    };
    manipulation: {
      value: number;
      /** Specialties of manipulation */
      spec: Array<string> | null;
    };
    appearance: {
      value: number;
      /** Specialties of appearance */
      spec: Array<string> | null;
    };
    perception: {
      value: number;
      /** Specialties of perception */
      spec: Array<string> | null;
    };
    intelligence: {
      value: number;
      /** Specialties of intelligence */
      spec: Array<string> | null;
    };
    wits: {
      value: number;
      /** Specialties of wits */
      spec: Array<string> | null;
    };
  };
  skills: {
    alertness: {
      value: number;
      /** Specialties of alertness */
      spec: Array<string> | null;
    };
    athletics: {
      value: number;
      /** Specialties of athletics */
      spec: Array<string> | null;
    };
    awareness: {
      value: number;
      /** Specialties of awareness */
      spec: Array<string> | null;
    };
    brawl: {
      value: number;
      /** Specialties of brawl */
      spec: Array<string> | null;
    };
    empathy: {
      value: number;
      /** Specialties of empathy */
      spec: Array<string> | null;
    };
    expression: {
      value: number;
      /** Specialties of expression */
      spec: Array<string> | null;
    };
    intimidation: {
      value: number;
      /** Specialties of intimidation */
      spec: Array<string> | null;
    };
    leadership: {
      value: number;
      /** Specialties of leadership */
      spec: Array<string> | null;
    };
    streetwise: {
      value: number;
      /** Specialties of streetwise */
      spec: Array<string> | null;
    };
    subterfuge: {
      value: number;
      /** Specialties of subterfuge */
      spec: Array<string> | null;
    };
    animal_ken: {
      value: number;
      /** Specialties of animal_ken */
      spec: Array<string> | null;
    };
    crafts: {
      value: number;
      /** Specialties of crafts */
      spec: Array<string> | null;
    };
    drive: {
      value: number;
      /** Specialties of drive */
      spec: Array<string> | null;
    };
    etiquette: {
      value: number;
      /** Specialties of etiquette */
      spec: Array<string> | null;
    };
    firearms: {
      value: number;
      /** Specialties of firearms */
      spec: Array<string> | null;
    };
    larceny: {
      value: number;
      /** Specialties of larceny */
      spec: Array<string> | null;
    };
    melee: {
      value: number;
      /** Specialties of melee */
      spec: Array<string> | null;
    };
    performance: {
      value: number;
      /** Specialties of performance */
      spec: Array<string> | null;
    };
    stealth: {
      value: number;
      /** Specialties of stealth */
      spec: Array<string> | null;
    };
    survival: {
      value: number;
      /** Specialties of survival */
      spec: Array<string> | null;
    };
    academics: {
      value: number;
      /** Specialties of academics */
      spec: Array<string> | null;
    };
    computer: {
      value: number;
      /** Specialties of computer */
      spec: Array<string> | null;
    };
    finance: {
      value: number;
      /** Specialties of finance */
      spec: Array<string> | null;
    };
    investigation: {
      value: number;
      /** Specialties of investigation */
      spec: Array<string> | null;
    };
    law: {
      value: number;
      /** Specialties of law */
      spec: Array<string> | null;
    };
    medicine: {
      value: number;
      /** Specialties of medicine */
      spec: Array<string> | null;
    };
    occult: {
      value: number;
      /** Specialties of occult */
      spec: Array<string> | null;
    };
    politics: {
      value: number;
      /** Specialties of politics */
      spec: Array<string> | null;
    };
    science: {
      value: number;
      /** Specialties of science */
      spec: Array<string> | null;
    };
    technology: {
      value: number;
      /** Specialties of technology */
      spec: Array<string> | null;
    };
  };
  version: "20th";
};

/** A Changeling 20th character in the bot's tracker view. */
export type Changeling20thTracker = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  splat: "changeling20th";
  glamour_total: number;
  glamour_current: number;
  banality_total: number;
  banality_current: number;
  nightmare: number;
  imbalance: number;
  chimerical_total: number;
  chimerical_bashing: number;
  chimerical_lethal: number;
  chimerical_aggravated: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  willpower: {
    current: number;
    total: number;
  };
  health: {
    bashing: number;
    lethal: number;
    aggravated: number;
    total: number;
  };
  version: "20th";
};

/** The flat keys of a Changeling 20th character that a write may send; each is optional. */
export type Changeling20thWrite = {
  /** The character's name, unique per user regardless of case. */
  name?: string;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status?: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme?: string;
  history?: string;
  date_of_birth?: string;
  age?: string;
  appearance_description?: string;
  notes?: string;
  notes2?: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends?: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock?: boolean;
  exp_current?: number;
  exp_total?: number;
  willpower_current?: number;
  willpower_total?: number;
  health_bashing?: number;
  health_lethal?: number;
  health_aggravated?: number;
  health_total?: number;
  strength?: number;
  dexterity?: number;
  stamina?: number;
  charisma?: number;
  manipulation?: number;
  appearance?: number;
  perception?: number;
  intelligence?: number;
  wits?: number;
  /** Specialties of strength */
  strength_spec?: Array<string> | null;
  /** Specialties of dexterity */
  dexterity_spec?: Array<string> | null;
  /** Specialties of stamina */
  stamina_spec?: Array<string> | null;
  /** Specialties of charisma */
  charisma_spec?: Array<string> | null;
  /** Specialties of manipulation */
  manipulation_spec?: Array<string> | null;
  /** Specialties of appearance */
  appearance_spec?: Array<string> | null;
  /** Specialties of perception */
  perception_spec?: Array<string> | null;
  /** Specialties of intelligence */
  intelligence_spec?: Array<string> | null;
  /** Specialties of wits */
  wits_spec?: Array<string> | null;
  alertness?: number;
  athletics?: number;
  awareness?: number;
  brawl?: number;
  empathy?: number;
  expression?: number;
  intimidation?: number;
  leadership?: number;
  streetwise?: number;
  subterfuge?: number;
  animal_ken?: number;
  crafts?: number;
  drive?: number;
  etiquette?: number;
  firearms?: number;
  larceny?: number;
  melee?: number;
  performance?: number;
  stealth?: number;
  survival?: number;
  academics?: number;
  computer?: number;
  finance?: number;
  investigation?: number;
  law?: number;
  medicine?: number;
  occult?: number;
  politics?: number;
  science?: number;
  technology?: number;
  /** Specialties of alertness */
  alertness_spec?: Array<string> | null;
  /** Specialties of athletics */
  athletics_spec?: Array<string> | null;
  /** Specialties of awareness */
  awareness_spec?: Array<string> | null;
  /** Specialties of brawl */
  brawl_spec?: Array<string> | null;
  /** Specialties of empathy */
  empathy_spec?: Array<string> | null;
  /** Specialties of expression */
  expression_spec?: Array<string> | null;
  /** Specialties of intimidation */
  intimidation_spec?: Array<string> | null;
  /** Specialties of leadership */
  leadership_spec?: Array<string> | null;
  /** Specialties of streetwise */
  streetwise_spec?: Array<string> | null;
  /** Specialties of subterfuge */
  subterfuge_spec?: Array<string> | null;
  /** Specialties of animal_ken */
  animal_ken_spec?: Array<string> | null;
  /** Specialties of crafts */
  crafts_spec?: Array<string> | null;
  /** Specialties of drive */
  drive_spec?: Array<string> | null;
  /** Specialties of etiquette */
  etiquette_spec?: Array<string> | null;
  /** Specialties of firearms */
  firearms_spec?: Array<string> | null;
  /** Specialties of larceny */
  larceny_spec?: Array<string> | null;
  /** Specialties of melee */
  melee_spec?: Array<string> | null;
  /** Specialties of performance */
  performance_spec?: Array<string> | null;
  /** Specialties of stealth */
  stealth_spec?: Array<string> | null;
  /** Specialties of survival */
  survival_spec?: Array<string> | null;
  /** Specialties of academics */
  academics_spec?: Array<string> | null;
  /** Specialties of computer */
  computer_spec?: Array<string> | null;
  /** Specialties of finance */
  finance_spec?: Array<string> | null;
  /** Specialties of investigation */
  investigation_spec?: Array<string> | null;
  /** Specialties of law */
  law_spec?: Array<string> | null;
  /** Specialties of medicine */
  medicine_spec?: Array<string> | null;
  /** Specialties of occult */
  occult_spec?: Array<string> | null;
  /** Specialties of politics */
  politics_spec?: Array<string> | null;
  /** Specialties of science */
  science_spec?: Array<string> | null;
  /** Specialties of technology */
  technology_spec?: Array<string> | null;
  glamour_total?: number;
  glamour_current?: number;
  banality_total?: number;
  banality_current?: number;
  nightmare?: number;
  imbalance?: number;
  chimerical_total?: number;
  chimerical_bashing?: number;
  chimerical_lethal?: number;
  chimerical_aggravated?: number;
  /** The chronicle (Discord guild id) the character plays in, or null. */
  chronicle?: string | null;
};

/** A Demon 20th character as the API returns it (the full sheet). */
export type Demon20thSheet = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  history: string;
  date_of_birth: string;
  age: string;
  appearance_description: string;
  notes: string;
  notes2: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock: boolean;
  splat: "demon20th";
  faith_total: number;
  faith_current: number;
  torment_permanent: number;
  torment_temporary: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  willpower: {
    current: number;
    total: number;
  };
  health: {
    bashing: number;
    lethal: number;
    aggravated: number;
    total: number;
  };
  attributes: {
    strength: {
      value: number;
      /** Specialties of strength */
      spec: Array<string> | null;
    };
    dexterity: {
      value: number;
      /** Specialties of dexterity */
      spec: Array<string> | null;
    };
    stamina: {
      value: number;
      /** Specialties of stamina */
      spec: Array<string> | null;
    };
    charisma: {
      value: number;
      /** Specialties of charisma */
      spec: Array<string> | null;
    };
    manipulation: {
      value: number;
      /** Specialties of manipulation */
      spec: Array<string> | null;
    };
    appearance: {
      value: number;
      /** Specialties of appearance */
      spec: Array<string> | null;
    };
    perception: {
      value: number;
      /** Specialties of perception */
      spec: Array<string> | null;
    };
    intelligence: {
      value: number;
      /** Specialties of intelligence */
      spec: Array<string> | null;
    };
    wits: {
      value: number;
      /** Specialties of wits */
      spec: Array<string> | null;
    };
  };
  skills: {
    alertness: {
      value: number;
      /** Specialties of alertness */
      spec: Array<string> | null;
    };
    athletics: {
      value: number;
      /** Specialties of athletics */
      spec: Array<string> | null;
    };
    awareness: {
      value: number;
      /** Specialties of awareness */
      spec: Array<string> | null;
    };
    brawl: {
      value: number;
      /** Specialties of brawl */
      spec: Array<string> | null;
    };
    empathy: {
      value: number;
      /** Specialties of empathy */
      spec: Array<string> | null;
    };
    expression: {
      value: number;
      /** Specialties of expression */
      spec: Array<string> | null;
    };
    intimidation: {
      value: number;
      /** Specialties of intimidation */
      spec: Array<string> | null;
    };
    leadership: {
      value: number;
      /** Specialties of leadership */
      spec: Array<string> | null;
    };
    streetwise: {
      value: number;
      /** Specialties of streetwise */
      spec: Array<string> | null;
    };
    subterfuge: {
      value: number;
      /** Specialties of subterfuge */
      spec: Array<string> | null;
    };
    animal_ken: {
      value: number;
      /** Specialties of animal_ken */
      spec: Array<string> | null;
    };
    crafts: {
      value: number;
      /** Specialties of crafts */
      spec: Array<string> | null;
    };
    drive: {
      value: number;
      /** Specialties of drive */
      spec: Array<string> | null;
    };
    etiquette: {
      value: number;
      /** Specialties of etiquette */
      spec: Array<string> | null;
    };
    firearms: {
      value: number;
      /** Specialties of firearms */
      spec: Array<string> | null;
    };
    larceny: {
      value: number;
      /** Specialties of larceny */
      spec: Array<string> | null;
    };
    melee: {
      value: number;
      /** Specialties of melee */
      spec: Array<string> | null;
    };
    performance: {
      value: number;
      /** Specialties of performance */
      spec: Array<string> | null;
    };
    stealth: {
      value: number;
      /** Specialties of stealth */
      spec: Array<string> | null;
    };
    survival: {
      value: number;
      /** Specialties of survival */
      spec: Array<string> | null;
    };
    academics: {
      value: number;
      /** Specialties of academics */
      spec: Array<string> | null;
    };
    computer: {
      value: number;
      /** Specialties of computer */
      spec: Array<string> | null;
    };
    finance: {
      value: number;
      /** Specialties of finance */
      spec: Array<string> | null;
    };
    investigation: {
      value: number;
      /** Specialties of investigation */
      spec: Array<string> | null;
    };
    law: {
      value: number;
      /** Specialties of law */
      spec: Array<string> | null;
    };
    medicine: {
      value: number;
      /** Specialties of medicine */
      spec: Array<string> | null;
    };
    occult: {
      value: number;
      /** Specialties of occult */
      spec: Array<string> | null;
    };
    politics: {
      value: number;
      /** Specialties of politics */
      spec: Array<string> | null;
    };
    science: {
      value: number;
      /** Specialties of science */
      spec: Array<string> | null;
    };
    technology: {
      value: number;
      /** Specialties of technology */
      spec: Array<string> | null;
    };
  };
  version: "20th";
};

/** A Demon 20th character in the bot's tracker view. */
export type Demon20thTracker = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  splat: "demon20th";
  faith_total: number;
  faith_current: number;
  torment_permanent: number;
  torment_temporary: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  willpower: {
    current: number;
    total: number;
  };
  health: {
    bashing: number;
    lethal: number;
    aggravated: number;
    total: number;
  };
  version: "20th";
};

/** The flat keys of a Demon 20th character that a write may send; each is optional. */
export type Demon20thWrite = {
  /** The character's name, unique per user regardless of case. */
  name?: string;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status?: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme?: string;
  history?: string;
  date_of_birth?: string;
  age?: string;
  appearance_description?: string;
  notes?: string;
  notes2?: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends?: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock?: boolean;
  exp_current?: number;
  exp_total?: number;
  willpower_current?: number;
  willpower_total?: number;
  health_bashing?: number;
  health_lethal?: number;
  health_aggravated?: number;
  health_total?: number;
  strength?: number;
  dexterity?: number;
  stamina?: number;
  charisma?: number;
  manipulation?: number;
  appearance?: number;
  perception?: number;
  intelligence?: number;
  wits?: number;
  /** Specialties of strength */
  strength_spec?: Array<string> | null;
  /** Specialties of dexterity */
  dexterity_spec?: Array<string> | null;
  /** Specialties of stamina */
  stamina_spec?: Array<string> | null;
  /** Specialties of charisma */
  charisma_spec?: Array<string> | null;
  /** Specialties of manipulation */
  manipulation_spec?: Array<string> | null;
  /** Specialties of appearance */
  appearance_spec?: Array<string> | null;
  /** Specialties of perception */
  perception_spec?: Array<string> | null;
  /** Specialties of intelligence */
  intelligence_spec?: Array<string> | null;
  /** Specialties of wits */
  wits_spec?: Array<string> | null;
  alertness?: number;
  athletics?: number;
  awareness?: number;
  brawl?: number;
  empathy?: number;
  expression?: number;
  intimidation?: number;
  leadership?: number;
  streetwise?: number;
  subterfuge?: number;
  animal_ken?: number;
  crafts?: number;
  drive?: number;
  etiquette?: number;
  firearms?: number;
  larceny?: number;
  melee?: number;
  performance?: number;
  stealth?: number;
  survival?: number;
  academics?: number;
  computer?: number;
  finance?: number;
  investigation?: number;
  law?: number;
  medicine?: number;
  occult?: number;
  politics?: number;
  science?: number;
  technology?: number;
  /** Specialties of alertness */
  alertness_spec?: Array<string> | null;
  /** Specialties of athletics */
  athletics_spec?: Array<string> | null;
  /** Specialties of awareness */
  awareness_spec?: Array<string> | null;
  /** Specialties of brawl */
  brawl_spec?: Array<string> | null;
  /** Specialties of empathy */
  empathy_spec?: Array<string> | null;
  /** Specialties of expression */
  expression_spec?: Array<string> | null;
  /** Specialties of intimidation */
  intimidation_spec?: Array<string> | null;
  /** Specialties of leadership */
  leadership_spec?: Array<string> | null;
  /** Specialties of streetwise */
  streetwise_spec?: Array<string> | null;
  /** Specialties of subterfuge */
  subterfuge_spec?: Array<string> | null;
  /** Specialties of animal_ken */
  animal_ken_spec?: Array<string> | null;
  /** Specialties of crafts */
  crafts_spec?: Array<string> | null;
  /** Specialties of drive */
  drive_spec?: Array<string> | null;
  /** Specialties of etiquette */
  etiquette_spec?: Array<string> | null;
  /** Specialties of firearms */
  firearms_spec?: Array<string> | null;
  /** Specialties of larceny */
  larceny_spec?: Array<string> | null;
  /** Specialties of melee */
  melee_spec?: Array<string> | null;
  /** Specialties of performance */
  performance_spec?: Array<string> | null;
  /** Specialties of stealth */
  stealth_spec?: Array<string> | null;
  /** Specialties of survival */
  survival_spec?: Array<string> | null;
  /** Specialties of academics */
  academics_spec?: Array<string> | null;
  /** Specialties of computer */
  computer_spec?: Array<string> | null;
  /** Specialties of finance */
  finance_spec?: Array<string> | null;
  /** Specialties of investigation */
  investigation_spec?: Array<string> | null;
  /** Specialties of law */
  law_spec?: Array<string> | null;
  /** Specialties of medicine */
  medicine_spec?: Array<string> | null;
  /** Specialties of occult */
  occult_spec?: Array<string> | null;
  /** Specialties of politics */
  politics_spec?: Array<string> | null;
  /** Specialties of science */
  science_spec?: Array<string> | null;
  /** Specialties of technology */
  technology_spec?: Array<string> | null;
  faith_total?: number;
  faith_current?: number;
  torment_permanent?: number;
  torment_temporary?: number;
  /** The chronicle (Discord guild id) the character plays in, or null. */
  chronicle?: string | null;
};

/** A Ghoul 20th character as the API returns it (the full sheet). */
export type Ghoul20thSheet = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  history: string;
  date_of_birth: string;
  age: string;
  appearance_description: string;
  notes: string;
  notes2: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock: boolean;
  splat: "ghoul20th";
  blood: number;
  vitae: number;
  humanity: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  willpower: {
    current: number;
    total: number;
  };
  health: {
    bashing: number;
    lethal: number;
    aggravated: number;
    total: number;
  };
  attributes: {
    strength: {
      value: number;
      /** Specialties of strength */
      spec: Array<string> | null;
    };
    dexterity: {
      value: number;
      /** Specialties of dexterity */
      spec: Array<string> | null;
    };
    stamina: {
      value: number;
      /** Specialties of stamina */
      spec: Array<string> | null;
    };
    charisma: {
      value: number;
      /** Specialties of charisma */
      spec: Array<string> | null;
    };
    manipulation: {
      value: number;
      /** Specialties of manipulation */
      spec: Array<string> | null;
    };
    appearance: {
      value: number;
      /** Specialties of appearance */
      spec: Array<string> | null;
    };
    perception: {
      value: number;
      /** Specialties of perception */
      spec: Array<string> | null;
    };
    intelligence: {
      value: number;
      /** Specialties of intelligence */
      spec: Array<string> | null;
    };
    wits: {
      value: number;
      /** Specialties of wits */
      spec: Array<string> | null;
    };
  };
  skills: {
    alertness: {
      value: number;
      /** Specialties of alertness */
      spec: Array<string> | null;
    };
    athletics: {
      value: number;
      /** Specialties of athletics */
      spec: Array<string> | null;
    };
    awareness: {
      value: number;
      /** Specialties of awareness */
      spec: Array<string> | null;
    };
    brawl: {
      value: number;
      /** Specialties of brawl */
      spec: Array<string> | null;
    };
    empathy: {
      value: number;
      /** Specialties of empathy */
      spec: Array<string> | null;
    };
    expression: {
      value: number;
      /** Specialties of expression */
      spec: Array<string> | null;
    };
    intimidation: {
      value: number;
      /** Specialties of intimidation */
      spec: Array<string> | null;
    };
    leadership: {
      value: number;
      /** Specialties of leadership */
      spec: Array<string> | null;
    };
    streetwise: {
      value: number;
      /** Specialties of streetwise */
      spec: Array<string> | null;
    };
    subterfuge: {
      value: number;
      /** Specialties of subterfuge */
      spec: Array<string> | null;
    };
    animal_ken: {
      value: number;
      /** Specialties of animal_ken */
      spec: Array<string> | null;
    };
    crafts: {
      value: number;
      /** Specialties of crafts */
      spec: Array<string> | null;
    };
    drive: {
      value: number;
      /** Specialties of drive */
      spec: Array<string> | null;
    };
    etiquette: {
      value: number;
      /** Specialties of etiquette */
      spec: Array<string> | null;
    };
    firearms: {
      value: number;
      /** Specialties of firearms */
      spec: Array<string> | null;
    };
    larceny: {
      value: number;
      /** Specialties of larceny */
      spec: Array<string> | null;
    };
    melee: {
      value: number;
      /** Specialties of melee */
      spec: Array<string> | null;
    };
    performance: {
      value: number;
      /** Specialties of performance */
      spec: Array<string> | null;
    };
    stealth: {
      value: number;
      /** Specialties of stealth */
      spec: Array<string> | null;
    };
    survival: {
      value: number;
      /** Specialties of survival */
      spec: Array<string> | null;
    };
    academics: {
      value: number;
      /** Specialties of academics */
      spec: Array<string> | null;
    };
    computer: {
      value: number;
      /** Specialties of computer */
      spec: Array<string> | null;
    };
    finance: {
      value: number;
      /** Specialties of finance */
      spec: Array<string> | null;
    };
    investigation: {
      value: number;
      /** Specialties of investigation */
      spec: Array<string> | null;
    };
    law: {
      value: number;
      /** Specialties of law */
      spec: Array<string> | null;
    };
    medicine: {
      value: number;
      /** Specialties of medicine */
      spec: Array<string> | null;
    };
    occult: {
      value: number;
      /** Specialties of occult */
      spec: Array<string> | null;
    };
    politics: {
      value: number;
      /** Specialties of politics */
      spec: Array<string> | null;
    };
    science: {
      value: number;
      /** Specialties of science */
      spec: Array<string> | null;
    };
    technology: {
      value: number;
      /** Specialties of technology */
      spec: Array<string> | null;
    };
  };
  version: "20th";
};

/** A Ghoul 20th character in the bot's tracker view. */
export type Ghoul20thTracker = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  splat: "ghoul20th";
  blood: number;
  vitae: number;
  humanity: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  willpower: {
    current: number;
    total: number;
  };
  health: {
    bashing: number;
    lethal: number;
    aggravated: number;
    total: number;
  };
  version: "20th";
};

/** The flat keys of a Ghoul 20th character that a write may send; each is optional. */
export type Ghoul20thWrite = {
  /** The character's name, unique per user regardless of case. */
  name?: string;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status?: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme?: string;
  history?: string;
  date_of_birth?: string;
  age?: string;
  appearance_description?: string;
  notes?: string;
  notes2?: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends?: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock?: boolean;
  exp_current?: number;
  exp_total?: number;
  willpower_current?: number;
  willpower_total?: number;
  health_bashing?: number;
  health_lethal?: number;
  health_aggravated?: number;
  health_total?: number;
  strength?: number;
  dexterity?: number;
  stamina?: number;
  charisma?: number;
  manipulation?: number;
  appearance?: number;
  perception?: number;
  intelligence?: number;
  wits?: number;
  /** Specialties of strength */
  strength_spec?: Array<string> | null;
  /** Specialties of dexterity */
  dexterity_spec?: Array<string> | null;
  /** Specialties of stamina */
  stamina_spec?: Array<string> | null;
  /** Specialties of charisma */
  charisma_spec?: Array<string> | null;
  /** Specialties of manipulation */
  manipulation_spec?: Array<string> | null;
  /** Specialties of appearance */
  appearance_spec?: Array<string> | null;
  /** Specialties of perception */
  perception_spec?: Array<string> | null;
  /** Specialties of intelligence */
  intelligence_spec?: Array<string> | null;
  /** Specialties of wits */
  wits_spec?: Array<string> | null;
  alertness?: number;
  athletics?: number;
  awareness?: number;
  brawl?: number;
  empathy?: number;
  expression?: number;
  intimidation?: number;
  leadership?: number;
  streetwise?: number;
  subterfuge?: number;
  animal_ken?: number;
  crafts?: number;
  drive?: number;
  etiquette?: number;
  firearms?: number;
  larceny?: number;
  melee?: number;
  performance?: number;
  stealth?: number;
  survival?: number;
  academics?: number;
  computer?: number;
  finance?: number;
  investigation?: number;
  law?: number;
  medicine?: number;
  occult?: number;
  politics?: number;
  science?: number;
  technology?: number;
  /** Specialties of alertness */
  alertness_spec?: Array<string> | null;
  /** Specialties of athletics */
  athletics_spec?: Array<string> | null;
  /** Specialties of awareness */
  awareness_spec?: Array<string> | null;
  /** Specialties of brawl */
  brawl_spec?: Array<string> | null;
  /** Specialties of empathy */
  empathy_spec?: Array<string> | null;
  /** Specialties of expression */
  expression_spec?: Array<string> | null;
  /** Specialties of intimidation */
  intimidation_spec?: Array<string> | null;
  /** Specialties of leadership */
  leadership_spec?: Array<string> | null;
  /** Specialties of streetwise */
  streetwise_spec?: Array<string> | null;
  /** Specialties of subterfuge */
  subterfuge_spec?: Array<string> | null;
  /** Specialties of animal_ken */
  animal_ken_spec?: Array<string> | null;
  /** Specialties of crafts */
  crafts_spec?: Array<string> | null;
  /** Specialties of drive */
  drive_spec?: Array<string> | null;
  /** Specialties of etiquette */
  etiquette_spec?: Array<string> | null;
  /** Specialties of firearms */
  firearms_spec?: Array<string> | null;
  /** Specialties of larceny */
  larceny_spec?: Array<string> | null;
  /** Specialties of melee */
  melee_spec?: Array<string> | null;
  /** Specialties of performance */
  performance_spec?: Array<string> | null;
  /** Specialties of stealth */
  stealth_spec?: Array<string> | null;
  /** Specialties of survival */
  survival_spec?: Array<string> | null;
  /** Specialties of academics */
  academics_spec?: Array<string> | null;
  /** Specialties of computer */
  computer_spec?: Array<string> | null;
  /** Specialties of finance */
  finance_spec?: Array<string> | null;
  /** Specialties of investigation */
  investigation_spec?: Array<string> | null;
  /** Specialties of law */
  law_spec?: Array<string> | null;
  /** Specialties of medicine */
  medicine_spec?: Array<string> | null;
  /** Specialties of occult */
  occult_spec?: Array<string> | null;
  /** Specialties of politics */
  politics_spec?: Array<string> | null;
  /** Specialties of science */
  science_spec?: Array<string> | null;
  /** Specialties of technology */
  technology_spec?: Array<string> | null;
  blood?: number;
  vitae?: number;
  humanity?: number;
  /** The chronicle (Discord guild id) the character plays in, or null. */
  chronicle?: string | null;
};

/** A Ghoul 5th character as the API returns it (the full sheet). */
export type Ghoul5thSheet = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  history: string;
  date_of_birth: string;
  age: string;
  appearance_description: string;
  notes: string;
  notes2: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock: boolean;
  splat: "ghoul5th";
  ambition: string;
  desire: string;
  tenets: string;
  touchstones: string;
  convictions: string;
  merits: Array<Advantage>;
  flaws: Array<Advantage>;
  backgrounds: Array<Advantage>;
  haven: Array<Advantage>;
  haven_name: string;
  haven_location: string;
  haven_description: string;
  loresheets: Array<Advantage>;
  humanity: number;
  stains: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  willpower: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  health: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  attributes: {
    strength: number;
    dexterity: number;
    stamina: number;
    charisma: number;
    manipulation: number;
    composure: number;
    intelligence: number;
    wits: number;
    resolve: number;
  };
  skills: {
    athletics: {
      value: number;
      /** Specialties of athletics */
      spec: Array<string> | null;
    };
    brawl: {
      value: number;
      /** Specialties of brawl */
      spec: Array<string> | null;
    };
    craft: {
      value: number;
      /** Specialties of craft */
      spec: Array<string> | null;
    };
    drive: {
      value: number;
      /** Specialties of drive */
      spec: Array<string> | null;
    };
    firearms: {
      value: number;
      /** Specialties of firearms */
      spec: Array<string> | null;
    };
    larceny: {
      value: number;
      /** Specialties of larceny */
      spec: Array<string> | null;
    };
    melee: {
      value: number;
      /** Specialties of melee */
      spec: Array<string> | null;
    };
    stealth: {
      value: number;
      /** Specialties of stealth */
      spec: Array<string> | null;
    };
    survival: {
      value: number;
      /** Specialties of survival */
      spec: Array<string> | null;
    };
    animal_ken: {
      value: number;
      /** Specialties of animal_ken */
      spec: Array<string> | null;
    };
    etiquette: {
      value: number;
      /** Specialties of etiquette */
      spec: Array<string> | null;
    };
    insight: {
      value: number;
      /** Specialties of insight */
      spec: Array<string> | null;
    };
    intimidation: {
      value: number;
      /** Specialties of intimidation */
      spec: Array<string> | null;
    };
    leadership: {
      value: number;
      /** Specialties of leadership */
      spec: Array<string> | null;
    };
    performance: {
      value: number;
      /** Specialties of performance */
      spec: Array<string> | null;
    };
    persuasion: {
      value: number;
      /** Specialties of persuasion */
      spec: Array<string> | null;
    };
    streetwise: {
      value: number;
      /** Specialties of streetwise */
      spec: Array<string> | null;
    };
    subterfuge: {
      value: number;
      /** Specialties of subterfuge */
      spec: Array<string> | null;
    };
    academics: {
      value: number;
      /** Specialties of academics */
      spec: Array<string> | null;
    };
    awareness: {
      value: number;
      /** Specialties of awareness */
      spec: Array<string> | null;
    };
    finance: {
      value: number;
      /** Specialties of finance */
      spec: Array<string> | null;
    };
    investigation: {
      value: number;
      /** Specialties of investigation */
      spec: Array<string> | null;
    };
    medicine: {
      value: number;
      /** Specialties of medicine */
      spec: Array<string> | null;
    };
    occult: {
      value: number;
      /** Specialties of occult */
      spec: Array<string> | null;
    };
    politics: {
      value: number;
      /** Specialties of politics */
      spec: Array<string> | null;
    };
    science: {
      value: number;
      /** Specialties of science */
      spec: Array<string> | null;
    };
    technology: {
      value: number;
      /** Specialties of technology */
      spec: Array<string> | null;
    };
  };
  version: "5th";
};

/** A Ghoul 5th character in the bot's tracker view. */
export type Ghoul5thTracker = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  splat: "ghoul5th";
  humanity: number;
  stains: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  willpower: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  health: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  version: "5th";
};

/** The flat keys of a Ghoul 5th character that a write may send; each is optional. */
export type Ghoul5thWrite = {
  /** The character's name, unique per user regardless of case. */
  name?: string;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status?: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme?: string;
  history?: string;
  date_of_birth?: string;
  age?: string;
  appearance_description?: string;
  notes?: string;
  notes2?: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends?: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock?: boolean;
  exp_current?: number;
  exp_total?: number;
  ambition?: string;
  desire?: string;
  tenets?: string;
  touchstones?: string;
  convictions?: string;
  merits?: Array<Advantage>;
  flaws?: Array<Advantage>;
  backgrounds?: Array<Advantage>;
  haven?: Array<Advantage>;
  haven_name?: string;
  haven_location?: string;
  haven_description?: string;
  loresheets?: Array<Advantage>;
  willpower_superficial?: number;
  willpower_total?: number;
  willpower_aggravated?: number;
  health_superficial?: number;
  health_total?: number;
  health_aggravated?: number;
  strength?: number;
  dexterity?: number;
  stamina?: number;
  charisma?: number;
  manipulation?: number;
  composure?: number;
  intelligence?: number;
  wits?: number;
  resolve?: number;
  athletics?: number;
  brawl?: number;
  craft?: number;
  drive?: number;
  firearms?: number;
  larceny?: number;
  melee?: number;
  stealth?: number;
  survival?: number;
  animal_ken?: number;
  etiquette?: number;
  insight?: number;
  intimidation?: number;
  leadership?: number;
  performance?: number;
  persuasion?: number;
  streetwise?: number;
  subterfuge?: number;
  academics?: number;
  awareness?: number;
  finance?: number;
  investigation?: number;
  medicine?: number;
  occult?: number;
  politics?: number;
  science?: number;
  technology?: number;
  /** Specialties of athletics */
  athletics_spec?: Array<string> | null;
  /** Specialties of brawl */
  brawl_spec?: Array<string> | null;
  /** Specialties of craft */
  craft_spec?: Array<string> | null;
  /** Specialties of drive */
  drive_spec?: Array<string> | null;
  /** Specialties of firearms */
  firearms_spec?: Array<string> | null;
  /** Specialties of larceny */
  larceny_spec?: Array<string> | null;
  /** Specialties of melee */
  melee_spec?: Array<string> | null;
  /** Specialties of stealth */
  stealth_spec?: Array<string> | null;
  /** Specialties of survival */
  survival_spec?: Array<string> | null;
  /** Specialties of animal_ken */
  animal_ken_spec?: Array<string> | null;
  /** Specialties of etiquette */
  etiquette_spec?: Array<string> | null;
  /** Specialties of insight */
  insight_spec?: Array<string> | null;
  /** Specialties of intimidation */
  intimidation_spec?: Array<string> | null;
  /** Specialties of leadership */
  leadership_spec?: Array<string> | null;
  /** Specialties of performance */
  performance_spec?: Array<string> | null;
  /** Specialties of persuasion */
  persuasion_spec?: Array<string> | null;
  /** Specialties of streetwise */
  streetwise_spec?: Array<string> | null;
  /** Specialties of subterfuge */
  subterfuge_spec?: Array<string> | null;
  /** Specialties of academics */
  academics_spec?: Array<string> | null;
  /** Specialties of awareness */
  awareness_spec?: Array<string> | null;
  /** Specialties of finance */
  finance_spec?: Array<string> | null;
  /** Specialties of investigation */
  investigation_spec?: Array<string> | null;
  /** Specialties of medicine */
  medicine_spec?: Array<string> | null;
  /** Specialties of occult */
  occult_spec?: Array<string> | null;
  /** Specialties of politics */
  politics_spec?: Array<string> | null;
  /** Specialties of science */
  science_spec?: Array<string> | null;
  /** Specialties of technology */
  technology_spec?: Array<string> | null;
  humanity?: number;
  stains?: number;
  /** The chronicle (Discord guild id) the character plays in, or null. */
  chronicle?: string | null;
};

/** A Human 20th character as the API returns it (the full sheet). */
export type Human20thSheet = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  history: string;
  date_of_birth: string;
  age: string;
  appearance_description: string;
  notes: string;
  notes2: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock: boolean;
  splat: "human20th";
  blood: number;
  humanity: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  willpower: {
    current: number;
    total: number;
  };
  health: {
    bashing: number;
    lethal: number;
    aggravated: number;
    total: number;
  };
  attributes: {
    strength: {
      value: number;
      /** Specialties of strength */
      spec: Array<string> | null;
    };
    dexterity: {
      value: number;
      /** Specialties of dexterity */
      spec: Array<string> | null;
    };
    stamina: {
      value: number;
      /** Specialties of stamina */
      spec: Array<string> | null;
    };
    charisma: {
      value: number;
      /** Specialties of charisma */
      spec: Array<string> | null;
    };
    manipulation: {
      value: number;
      /** Specialties of manipulation */
      spec: Array<string> | null;
    };
    appearance: {
      value: number;
      /** Specialties of appearance */
      spec: Array<string> | null;
    };
    perception: {
      value: number;
      /** Specialties of perception */
      spec: Array<string> | null;
    };
    intelligence: {
      value: number;
      /** Specialties of intelligence */
      spec: Array<string> | null;
    };
    wits: {
      value: number;
      /** Specialties of wits */
      spec: Array<string> | null;
    };
  };
  skills: {
    alertness: {
      value: number;
      /** Specialties of alertness */
      spec: Array<string> | null;
    };
    athletics: {
      value: number;
      /** Specialties of athletics */
      spec: Array<string> | null;
    };
    awareness: {
      value: number;
      /** Specialties of awareness */
      spec: Array<string> | null;
    };
    brawl: {
      value: number;
      /** Specialties of brawl */
      spec: Array<string> | null;
    };
    empathy: {
      value: number;
      /** Specialties of empathy */
      spec: Array<string> | null;
    };
    expression: {
      value: number;
      /** Specialties of expression */
      spec: Array<string> | null;
    };
    intimidation: {
      value: number;
      /** Specialties of intimidation */
      spec: Array<string> | null;
    };
    leadership: {
      value: number;
      /** Specialties of leadership */
      spec: Array<string> | null;
    };
    streetwise: {
      value: number;
      /** Specialties of streetwise */
      spec: Array<string> | null;
    };
    subterfuge: {
      value: number;
      /** Specialties of subterfuge */
      spec: Array<string> | null;
    };
    animal_ken: {
      value: number;
      /** Specialties of animal_ken */
      spec: Array<string> | null;
    };
    crafts: {
      value: number;
      /** Specialties of crafts */
      spec: Array<string> | null;
    };
    drive: {
      value: number;
      /** Specialties of drive */
      spec: Array<string> | null;
    };
    etiquette: {
      value: number;
      /** Specialties of etiquette */
      spec: Array<string> | null;
    };
    firearms: {
      value: number;
      /** Specialties of firearms */
      spec: Array<string> | null;
    };
    larceny: {
      value: number;
      /** Specialties of larceny */
      spec: Array<string> | null;
    };
    melee: {
      value: number;
      /** Specialties of melee */
      spec: Array<string> | null;
    };
    performance: {
      value: number;
      /** Specialties of performance */
      spec: Array<string> | null;
    };
    stealth: {
      value: number;
      /** Specialties of stealth */
      spec: Array<string> | null;
    };
    survival: {
      value: number;
      /** Specialties of survival */
      spec: Array<string> | null;
    };
    academics: {
      value: number;
      /** Specialties of academics */
      spec: Array<string> | null;
    };
    computer: {
      value: number;
      /** Specialties of computer */
      spec: Array<string> | null;
    };
    finance: {
      value: number;
      /** Specialties of finance */
      spec: Array<string> | null;
    };
    investigation: {
      value: number;
      /** Specialties of investigation */
      spec: Array<string> | null;
    };
    law: {
      value: number;
      /** Specialties of law */
      spec: Array<string> | null;
    };
    medicine: {
      value: number;
      /** Specialties of medicine */
      spec: Array<string> | null;
    };
    occult: {
      value: number;
      /** Specialties of occult */
      spec: Array<string> | null;
    };
    politics: {
      value: number;
      /** Specialties of politics */
      spec: Array<string> | null;
    };
    science: {
      value: number;
      /** Specialties of science */
      spec: Array<string> | null;
    };
    technology: {
      value: number;
      /** Specialties of technology */
      spec: Array<string> | null;
    };
  };
  version: "20th";
};

/** A Human 20th character in the bot's tracker view. */
export type Human20thTracker = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  splat: "human20th";
  blood: number;
  humanity: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  willpower: {
    current: number;
    total: number;
  };
  health: {
    bashing: number;
    lethal: number;
    aggravated: number;
    total: number;
  };
  version: "20th";
};

/** The flat keys of a Human 20th character that a write may send; each is optional. */
export type Human20thWrite = {
  /** The character's name, unique per user regardless of case. */
  name?: string;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status?: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme?: string;
  history?: string;
  date_of_birth?: string;
  age?: string;
  appearance_description?: string;
  notes?: string;
  notes2?: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends?: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock?: boolean;
  exp_current?: number;
  exp_total?: number;
  willpower_current?: number;
  willpower_total?: number;
  health_bashing?: number;
  health_lethal?: number;
  health_aggravated?: number;
  health_total?: number;
  strength?: number;
  dexterity?: number;
  stamina?: number;
  charisma?: number;
  manipulation?: number;
  appearance?: number;
  perception?: number;
  intelligence?: number;
  wits?: number;
  /** Specialties of strength */
  strength_spec?: Array<string> | null;
  /** Specialties of dexterity */
  dexterity_spec?: Array<string> | null;
  /** Specialties of stamina */
  stamina_spec?: Array<string> | null;
  /** Specialties of charisma */
  charisma_spec?: Array<string> | null;
  /** Specialties of manipulation */
  manipulation_spec?: Array<string> | null;
  /** Specialties of appearance */
  appearance_spec?: Array<string> | null;
  /** Specialties of perception */
  perception_spec?: Array<string> | null;
  /** Specialties of intelligence */
  intelligence_spec?: Array<string> | null;
  /** Specialties of wits */
  wits_spec?: Array<string> | null;
  alertness?: number;
  athletics?: number;
  awareness?: number;
  brawl?: number;
  empathy?: number;
  expression?: number;
  intimidation?: number;
  leadership?: number;
  streetwise?: number;
  subterfuge?: number;
  animal_ken?: number;
  crafts?: number;
  drive?: number;
  etiquette?: number;
  firearms?: number;
  larceny?: number;
  melee?: number;
  performance?: number;
  stealth?: number;
  survival?: number;
  academics?: number;
  computer?: number;
  finance?: number;
  investigation?: number;
  law?: number;
  medicine?: number;
  occult?: number;
  politics?: number;
  science?: number;
  technology?: number;
  /** Specialties of alertness */
  alertness_spec?: Array<string> | null;
  /** Specialties of athletics */
  athletics_spec?: Array<string> | null;
  /** Specialties of awareness */
  awareness_spec?: Array<string> | null;
  /** Specialties of brawl */
  brawl_spec?: Array<string> | null;
  /** Specialties of empathy */
  empathy_spec?: Array<string> | null;
  /** Specialties of expression */
  expression_spec?: Array<string> | null;
  /** Specialties of intimidation */
  intimidation_spec?: Array<string> | null;
  /** Specialties of leadership */
  leadership_spec?: Array<string> | null;
  /** Specialties of streetwise */
  streetwise_spec?: Array<string> | null;
  /** Specialties of subterfuge */
  subterfuge_spec?: Array<string> | null;
  /** Specialties of animal_ken */
  animal_ken_spec?: Array<string> | null;
  /** Specialties of crafts */
  crafts_spec?: Array<string> | null;
  /** Specialties of drive */
  drive_spec?: Array<string> | null;
  /** Specialties of etiquette */
  etiquette_spec?: Array<string> | null;
  /** Specialties of firearms */
  firearms_spec?: Array<string> | null;
  /** Specialties of larceny */
  larceny_spec?: Array<string> | null;
  /** Specialties of melee */
  melee_spec?: Array<string> | null;
  /** Specialties of performance */
  performance_spec?: Array<string> | null;
  /** Specialties of stealth */
  stealth_spec?: Array<string> | null;
  /** Specialties of survival */
  survival_spec?: Array<string> | null;
  /** Specialties of academics */
  academics_spec?: Array<string> | null;
  /** Specialties of computer */
  computer_spec?: Array<string> | null;
  /** Specialties of finance */
  finance_spec?: Array<string> | null;
  /** Specialties of investigation */
  investigation_spec?: Array<string> | null;
  /** Specialties of law */
  law_spec?: Array<string> | null;
  /** Specialties of medicine */
  medicine_spec?: Array<string> | null;
  /** Specialties of occult */
  occult_spec?: Array<string> | null;
  /** Specialties of politics */
  politics_spec?: Array<string> | null;
  /** Specialties of science */
  science_spec?: Array<string> | null;
  /** Specialties of technology */
  technology_spec?: Array<string> | null;
  blood?: number;
  humanity?: number;
  /** The chronicle (Discord guild id) the character plays in, or null. */
  chronicle?: string | null;
};

/** A Human 5th character as the API returns it (the full sheet). */
export type Human5thSheet = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  history: string;
  date_of_birth: string;
  age: string;
  appearance_description: string;
  notes: string;
  notes2: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock: boolean;
  splat: "human5th";
  ambition: string;
  desire: string;
  tenets: string;
  touchstones: string;
  convictions: string;
  merits: Array<Advantage>;
  flaws: Array<Advantage>;
  backgrounds: Array<Advantage>;
  haven: Array<Advantage>;
  haven_name: string;
  haven_location: string;
  haven_description: string;
  loresheets: Array<Advantage>;
  humanity: number;
  stains: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  willpower: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  health: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  attributes: {
    strength: number;
    dexterity: number;
    stamina: number;
    charisma: number;
    manipulation: number;
    composure: number;
    intelligence: number;
    wits: number;
    resolve: number;
  };
  skills: {
    athletics: {
      value: number;
      /** Specialties of athletics */
      spec: Array<string> | null;
    };
    brawl: {
      value: number;
      /** Specialties of brawl */
      spec: Array<string> | null;
    };
    craft: {
      value: number;
      /** Specialties of craft */
      spec: Array<string> | null;
    };
    drive: {
      value: number;
      /** Specialties of drive */
      spec: Array<string> | null;
    };
    firearms: {
      value: number;
      /** Specialties of firearms */
      spec: Array<string> | null;
    };
    larceny: {
      value: number;
      /** Specialties of larceny */
      spec: Array<string> | null;
    };
    melee: {
      value: number;
      /** Specialties of melee */
      spec: Array<string> | null;
    };
    stealth: {
      value: number;
      /** Specialties of stealth */
      spec: Array<string> | null;
    };
    survival: {
      value: number;
      /** Specialties of survival */
      spec: Array<string> | null;
    };
    animal_ken: {
      value: number;
      /** Specialties of animal_ken */
      spec: Array<string> | null;
    };
    etiquette: {
      value: number;
      /** Specialties of etiquette */
      spec: Array<string> | null;
    };
    insight: {
      value: number;
      /** Specialties of insight */
      spec: Array<string> | null;
    };
    intimidation: {
      value: number;
      /** Specialties of intimidation */
      spec: Array<string> | null;
    };
    leadership: {
      value: number;
      /** Specialties of leadership */
      spec: Array<string> | null;
    };
    performance: {
      value: number;
      /** Specialties of performance */
      spec: Array<string> | null;
    };
    persuasion: {
      value: number;
      /** Specialties of persuasion */
      spec: Array<string> | null;
    };
    streetwise: {
      value: number;
      /** Specialties of streetwise */
      spec: Array<string> | null;
    };
    subterfuge: {
      value: number;
      /** Specialties of subterfuge */
      spec: Array<string> | null;
    };
    academics: {
      value: number;
      /** Specialties of academics */
      spec: Array<string> | null;
    };
    awareness: {
      value: number;
      /** Specialties of awareness */
      spec: Array<string> | null;
    };
    finance: {
      value: number;
      /** Specialties of finance */
      spec: Array<string> | null;
    };
    investigation: {
      value: number;
      /** Specialties of investigation */
      spec: Array<string> | null;
    };
    medicine: {
      value: number;
      /** Specialties of medicine */
      spec: Array<string> | null;
    };
    occult: {
      value: number;
      /** Specialties of occult */
      spec: Array<string> | null;
    };
    politics: {
      value: number;
      /** Specialties of politics */
      spec: Array<string> | null;
    };
    science: {
      value: number;
      /** Specialties of science */
      spec: Array<string> | null;
    };
    technology: {
      value: number;
      /** Specialties of technology */
      spec: Array<string> | null;
    };
  };
  version: "5th";
};

/** A Human 5th character in the bot's tracker view. */
export type Human5thTracker = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  splat: "human5th";
  humanity: number;
  stains: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  willpower: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  health: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  version: "5th";
};

/** The flat keys of a Human 5th character that a write may send; each is optional. */
export type Human5thWrite = {
  /** The character's name, unique per user regardless of case. */
  name?: string;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status?: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme?: string;
  history?: string;
  date_of_birth?: string;
  age?: string;
  appearance_description?: string;
  notes?: string;
  notes2?: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends?: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock?: boolean;
  exp_current?: number;
  exp_total?: number;
  ambition?: string;
  desire?: string;
  tenets?: string;
  touchstones?: string;
  convictions?: string;
  merits?: Array<Advantage>;
  flaws?: Array<Advantage>;
  backgrounds?: Array<Advantage>;
  haven?: Array<Advantage>;
  haven_name?: string;
  haven_location?: string;
  haven_description?: string;
  loresheets?: Array<Advantage>;
  willpower_superficial?: number;
  willpower_total?: number;
  willpower_aggravated?: number;
  health_superficial?: number;
  health_total?: number;
  health_aggravated?: number;
  strength?: number;
  dexterity?: number;
  stamina?: number;
  charisma?: number;
  manipulation?: number;
  composure?: number;
  intelligence?: number;
  wits?: number;
  resolve?: number;
  athletics?: number;
  brawl?: number;
  craft?: number;
  drive?: number;
  firearms?: number;
  larceny?: number;
  melee?: number;
  stealth?: number;
  survival?: number;
  animal_ken?: number;
  etiquette?: number;
  insight?: number;
  intimidation?: number;
  leadership?: number;
  performance?: number;
  persuasion?: number;
  streetwise?: number;
  subterfuge?: number;
  academics?: number;
  awareness?: number;
  finance?: number;
  investigation?: number;
  medicine?: number;
  occult?: number;
  politics?: number;
  science?: number;
  technology?: number;
  /** Specialties of athletics */
  athletics_spec?: Array<string> | null;
  /** Specialties of brawl */
  brawl_spec?: Array<string> | null;
  /** Specialties of craft */
  craft_spec?: Array<string> | null;
  /** Specialties of drive */
  drive_spec?: Array<string> | null;
  /** Specialties of firearms */
  firearms_spec?: Array<string> | null;
  /** Specialties of larceny */
  larceny_spec?: Array<string> | null;
  /** Specialties of melee */
  melee_spec?: Array<string> | null;
  /** Specialties of stealth */
  stealth_spec?: Array<string> | null;
  /** Specialties of survival */
  survival_spec?: Array<string> | null;
  /** Specialties of animal_ken */
  animal_ken_spec?: Array<string> | null;
  /** Specialties of etiquette */
  etiquette_spec?: Array<string> | null;
  /** Specialties of insight */
  insight_spec?: Array<string> | null;
  /** Specialties of intimidation */
  intimidation_spec?: Array<string> | null;
  /** Specialties of leadership */
  leadership_spec?: Array<string> | null;
  /** Specialties of performance */
  performance_spec?: Array<string> | null;
  /** Specialties of persuasion */
  persuasion_spec?: Array<string> | null;
  /** Specialties of streetwise */
  streetwise_spec?: Array<string> | null;
  /** Specialties of subterfuge */
  subterfuge_spec?: Array<string> | null;
  /** Specialties of academics */
  academics_spec?: Array<string> | null;
  /** Specialties of awareness */
  awareness_spec?: Array<string> | null;
  /** Specialties of finance */
  finance_spec?: Array<string> | null;
  /** Specialties of investigation */
  investigation_spec?: Array<string> | null;
  /** Specialties of medicine */
  medicine_spec?: Array<string> | null;
  /** Specialties of occult */
  occult_spec?: Array<string> | null;
  /** Specialties of politics */
  politics_spec?: Array<string> | null;
  /** Specialties of science */
  science_spec?: Array<string> | null;
  /** Specialties of technology */
  technology_spec?: Array<string> | null;
  humanity?: number;
  stains?: number;
  /** The chronicle (Discord guild id) the character plays in, or null. */
  chronicle?: string | null;
};

/** A Hunter 5th character as the API returns it (the full sheet). */
export type Hunter5thSheet = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  history: string;
  date_of_birth: string;
  age: string;
  appearance_description: string;
  notes: string;
  notes2: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock: boolean;
  splat: "hunter5th";
  ambition: string;
  desire: string;
  tenets: string;
  touchstones: string;
  convictions: string;
  merits: Array<Advantage>;
  flaws: Array<Advantage>;
  backgrounds: Array<Advantage>;
  haven: Array<Advantage>;
  haven_name: string;
  haven_location: string;
  haven_description: string;
  loresheets: Array<Advantage>;
  desperation: number;
  danger: number;
  despair: boolean;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  willpower: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  health: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  attributes: {
    strength: number;
    dexterity: number;
    stamina: number;
    charisma: number;
    manipulation: number;
    composure: number;
    intelligence: number;
    wits: number;
    resolve: number;
  };
  skills: {
    athletics: {
      value: number;
      /** Specialties of athletics */
      spec: Array<string> | null;
    };
    brawl: {
      value: number;
      /** Specialties of brawl */
      spec: Array<string> | null;
    };
    craft: {
      value: number;
      /** Specialties of craft */
      spec: Array<string> | null;
    };
    drive: {
      value: number;
      /** Specialties of drive */
      spec: Array<string> | null;
    };
    firearms: {
      value: number;
      /** Specialties of firearms */
      spec: Array<string> | null;
    };
    larceny: {
      value: number;
      /** Specialties of larceny */
      spec: Array<string> | null;
    };
    melee: {
      value: number;
      /** Specialties of melee */
      spec: Array<string> | null;
    };
    stealth: {
      value: number;
      /** Specialties of stealth */
      spec: Array<string> | null;
    };
    survival: {
      value: number;
      /** Specialties of survival */
      spec: Array<string> | null;
    };
    animal_ken: {
      value: number;
      /** Specialties of animal_ken */
      spec: Array<string> | null;
    };
    etiquette: {
      value: number;
      /** Specialties of etiquette */
      spec: Array<string> | null;
    };
    insight: {
      value: number;
      /** Specialties of insight */
      spec: Array<string> | null;
    };
    intimidation: {
      value: number;
      /** Specialties of intimidation */
      spec: Array<string> | null;
    };
    leadership: {
      value: number;
      /** Specialties of leadership */
      spec: Array<string> | null;
    };
    performance: {
      value: number;
      /** Specialties of performance */
      spec: Array<string> | null;
    };
    persuasion: {
      value: number;
      /** Specialties of persuasion */
      spec: Array<string> | null;
    };
    streetwise: {
      value: number;
      /** Specialties of streetwise */
      spec: Array<string> | null;
    };
    subterfuge: {
      value: number;
      /** Specialties of subterfuge */
      spec: Array<string> | null;
    };
    academics: {
      value: number;
      /** Specialties of academics */
      spec: Array<string> | null;
    };
    awareness: {
      value: number;
      /** Specialties of awareness */
      spec: Array<string> | null;
    };
    finance: {
      value: number;
      /** Specialties of finance */
      spec: Array<string> | null;
    };
    investigation: {
      value: number;
      /** Specialties of investigation */
      spec: Array<string> | null;
    };
    medicine: {
      value: number;
      /** Specialties of medicine */
      spec: Array<string> | null;
    };
    occult: {
      value: number;
      /** Specialties of occult */
      spec: Array<string> | null;
    };
    politics: {
      value: number;
      /** Specialties of politics */
      spec: Array<string> | null;
    };
    science: {
      value: number;
      /** Specialties of science */
      spec: Array<string> | null;
    };
    technology: {
      value: number;
      /** Specialties of technology */
      spec: Array<string> | null;
    };
  };
  version: "5th";
};

/** A Hunter 5th character in the bot's tracker view. */
export type Hunter5thTracker = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  splat: "hunter5th";
  desperation: number;
  danger: number;
  despair: boolean;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  willpower: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  health: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  version: "5th";
};

/** The flat keys of a Hunter 5th character that a write may send; each is optional. */
export type Hunter5thWrite = {
  /** The character's name, unique per user regardless of case. */
  name?: string;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status?: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme?: string;
  history?: string;
  date_of_birth?: string;
  age?: string;
  appearance_description?: string;
  notes?: string;
  notes2?: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends?: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock?: boolean;
  exp_current?: number;
  exp_total?: number;
  ambition?: string;
  desire?: string;
  tenets?: string;
  touchstones?: string;
  convictions?: string;
  merits?: Array<Advantage>;
  flaws?: Array<Advantage>;
  backgrounds?: Array<Advantage>;
  haven?: Array<Advantage>;
  haven_name?: string;
  haven_location?: string;
  haven_description?: string;
  loresheets?: Array<Advantage>;
  willpower_superficial?: number;
  willpower_total?: number;
  willpower_aggravated?: number;
  health_superficial?: number;
  health_total?: number;
  health_aggravated?: number;
  strength?: number;
  dexterity?: number;
  stamina?: number;
  charisma?: number;
  manipulation?: number;
  composure?: number;
  intelligence?: number;
  wits?: number;
  resolve?: number;
  athletics?: number;
  brawl?: number;
  craft?: number;
  drive?: number;
  firearms?: number;
  larceny?: number;
  melee?: number;
  stealth?: number;
  survival?: number;
  animal_ken?: number;
  etiquette?: number;
  insight?: number;
  intimidation?: number;
  leadership?: number;
  performance?: number;
  persuasion?: number;
  streetwise?: number;
  subterfuge?: number;
  academics?: number;
  awareness?: number;
  finance?: number;
  investigation?: number;
  medicine?: number;
  occult?: number;
  politics?: number;
  science?: number;
  technology?: number;
  /** Specialties of athletics */
  athletics_spec?: Array<string> | null;
  /** Specialties of brawl */
  brawl_spec?: Array<string> | null;
  /** Specialties of craft */
  craft_spec?: Array<string> | null;
  /** Specialties of drive */
  drive_spec?: Array<string> | null;
  /** Specialties of firearms */
  firearms_spec?: Array<string> | null;
  /** Specialties of larceny */
  larceny_spec?: Array<string> | null;
  /** Specialties of melee */
  melee_spec?: Array<string> | null;
  /** Specialties of stealth */
  stealth_spec?: Array<string> | null;
  /** Specialties of survival */
  survival_spec?: Array<string> | null;
  /** Specialties of animal_ken */
  animal_ken_spec?: Array<string> | null;
  /** Specialties of etiquette */
  etiquette_spec?: Array<string> | null;
  /** Specialties of insight */
  insight_spec?: Array<string> | null;
  /** Specialties of intimidation */
  intimidation_spec?: Array<string> | null;
  /** Specialties of leadership */
  leadership_spec?: Array<string> | null;
  /** Specialties of performance */
  performance_spec?: Array<string> | null;
  /** Specialties of persuasion */
  persuasion_spec?: Array<string> | null;
  /** Specialties of streetwise */
  streetwise_spec?: Array<string> | null;
  /** Specialties of subterfuge */
  subterfuge_spec?: Array<string> | null;
  /** Specialties of academics */
  academics_spec?: Array<string> | null;
  /** Specialties of awareness */
  awareness_spec?: Array<string> | null;
  /** Specialties of finance */
  finance_spec?: Array<string> | null;
  /** Specialties of investigation */
  investigation_spec?: Array<string> | null;
  /** Specialties of medicine */
  medicine_spec?: Array<string> | null;
  /** Specialties of occult */
  occult_spec?: Array<string> | null;
  /** Specialties of politics */
  politics_spec?: Array<string> | null;
  /** Specialties of science */
  science_spec?: Array<string> | null;
  /** Specialties of technology */
  technology_spec?: Array<string> | null;
  desperation?: number;
  danger?: number;
  despair?: boolean;
  /** The chronicle (Discord guild id) the character plays in, or null. */
  chronicle?: string | null;
};

/** A Mage 20th character as the API returns it (the full sheet). */
export type Mage20thSheet = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  history: string;
  date_of_birth: string;
  age: string;
  appearance_description: string;
  notes: string;
  notes2: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock: boolean;
  splat: "mage20th";
  arete: number;
  paradox: number;
  quintessence: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  willpower: {
    current: number;
    total: number;
  };
  health: {
    bashing: number;
    lethal: number;
    aggravated: number;
    total: number;
  };
  attributes: {
    strength: {
      value: number;
      /** Specialties of strength */
      spec: Array<string> | null;
    };
    dexterity: {
      value: number;
      /** Specialties of dexterity */
      spec: Array<string> | null;
    };
    stamina: {
      value: number;
      /** Specialties of stamina */
      spec: Array<string> | null;
    };
    charisma: {
      value: number;
      /** Specialties of charisma */
      spec: Array<string> | null;
    };
    manipulation: {
      value: number;
      /** Specialties of manipulation */
      spec: Array<string> | null;
    };
    appearance: {
      value: number;
      /** Specialties of appearance */
      spec: Array<string> | null;
    };
    perception: {
      value: number;
      /** Specialties of perception */
      spec: Array<string> | null;
    };
    intelligence: {
      value: number;
      /** Specialties of intelligence */
      spec: Array<string> | null;
    };
    wits: {
      value: number;
      /** Specialties of wits */
      spec: Array<string> | null;
    };
  };
  skills: {
    alertness: {
      value: number;
      /** Specialties of alertness */
      spec: Array<string> | null;
    };
    athletics: {
      value: number;
      /** Specialties of athletics */
      spec: Array<string> | null;
    };
    awareness: {
      value: number;
      /** Specialties of awareness */
      spec: Array<string> | null;
    };
    brawl: {
      value: number;
      /** Specialties of brawl */
      spec: Array<string> | null;
    };
    empathy: {
      value: number;
      /** Specialties of empathy */
      spec: Array<string> | null;
    };
    expression: {
      value: number;
      /** Specialties of expression */
      spec: Array<string> | null;
    };
    intimidation: {
      value: number;
      /** Specialties of intimidation */
      spec: Array<string> | null;
    };
    leadership: {
      value: number;
      /** Specialties of leadership */
      spec: Array<string> | null;
    };
    streetwise: {
      value: number;
      /** Specialties of streetwise */
      spec: Array<string> | null;
    };
    subterfuge: {
      value: number;
      /** Specialties of subterfuge */
      spec: Array<string> | null;
    };
    animal_ken: {
      value: number;
      /** Specialties of animal_ken */
      spec: Array<string> | null;
    };
    crafts: {
      value: number;
      /** Specialties of crafts */
      spec: Array<string> | null;
    };
    drive: {
      value: number;
      /** Specialties of drive */
      spec: Array<string> | null;
    };
    etiquette: {
      value: number;
      /** Specialties of etiquette */
      spec: Array<string> | null;
    };
    firearms: {
      value: number;
      /** Specialties of firearms */
      spec: Array<string> | null;
    };
    larceny: {
      value: number;
      /** Specialties of larceny */
      spec: Array<string> | null;
    };
    melee: {
      value: number;
      /** Specialties of melee */
      spec: Array<string> | null;
    };
    performance: {
      value: number;
      /** Specialties of performance */
      spec: Array<string> | null;
    };
    stealth: {
      value: number;
      /** Specialties of stealth */
      spec: Array<string> | null;
    };
    survival: {
      value: number;
      /** Specialties of survival */
      spec: Array<string> | null;
    };
    academics: {
      value: number;
      /** Specialties of academics */
      spec: Array<string> | null;
    };
    computer: {
      value: number;
      /** Specialties of computer */
      spec: Array<string> | null;
    };
    finance: {
      value: number;
      /** Specialties of finance */
      spec: Array<string> | null;
    };
    investigation: {
      value: number;
      /** Specialties of investigation */
      spec: Array<string> | null;
    };
    law: {
      value: number;
      /** Specialties of law */
      spec: Array<string> | null;
    };
    medicine: {
      value: number;
      /** Specialties of medicine */
      spec: Array<string> | null;
    };
    occult: {
      value: number;
      /** Specialties of occult */
      spec: Array<string> | null;
    };
    politics: {
      value: number;
      /** Specialties of politics */
      spec: Array<string> | null;
    };
    science: {
      value: number;
      /** Specialties of science */
      spec: Array<string> | null;
    };
    technology: {
      value: number;
      /** Specialties of technology */
      spec: Array<string> | null;
    };
  };
  version: "20th";
};

/** A Mage 20th character in the bot's tracker view. */
export type Mage20thTracker = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  splat: "mage20th";
  arete: number;
  paradox: number;
  quintessence: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  willpower: {
    current: number;
    total: number;
  };
  health: {
    bashing: number;
    lethal: number;
    aggravated: number;
    total: number;
  };
  version: "20th";
};

/** The flat keys of a Mage 20th character that a write may send; each is optional. */
export type Mage20thWrite = {
  /** The character's name, unique per user regardless of case. */
  name?: string;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status?: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme?: string;
  history?: string;
  date_of_birth?: string;
  age?: string;
  appearance_description?: string;
  notes?: string;
  notes2?: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends?: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock?: boolean;
  exp_current?: number;
  exp_total?: number;
  willpower_current?: number;
  willpower_total?: number;
  health_bashing?: number;
  health_lethal?: number;
  health_aggravated?: number;
  health_total?: number;
  strength?: number;
  dexterity?: number;
  stamina?: number;
  charisma?: number;
  manipulation?: number;
  appearance?: number;
  perception?: number;
  intelligence?: number;
  wits?: number;
  /** Specialties of strength */
  strength_spec?: Array<string> | null;
  /** Specialties of dexterity */
  dexterity_spec?: Array<string> | null;
  /** Specialties of stamina */
  stamina_spec?: Array<string> | null;
  /** Specialties of charisma */
  charisma_spec?: Array<string> | null;
  /** Specialties of manipulation */
  manipulation_spec?: Array<string> | null;
  /** Specialties of appearance */
  appearance_spec?: Array<string> | null;
  /** Specialties of perception */
  perception_spec?: Array<string> | null;
  /** Specialties of intelligence */
  intelligence_spec?: Array<string> | null;
  /** Specialties of wits */
  wits_spec?: Array<string> | null;
  alertness?: number;
  athletics?: number;
  awareness?: number;
  brawl?: number;
  empathy?: number;
  expression?: number;
  intimidation?: number;
  leadership?: number;
  streetwise?: number;
  subterfuge?: number;
  animal_ken?: number;
  crafts?: number;
  drive?: number;
  etiquette?: number;
  firearms?: number;
  larceny?: number;
  melee?: number;
  performance?: number;
  stealth?: number;
  survival?: number;
  academics?: number;
  computer?: number;
  finance?: number;
  investigation?: number;
  law?: number;
  medicine?: number;
  occult?: number;
  politics?: number;
  science?: number;
  technology?: number;
  /** Specialties of alertness */
  alertness_spec?: Array<string> | null;
  /** Specialties of athletics */
  athletics_spec?: Array<string> | null;
  /** Specialties of awareness */
  awareness_spec?: Array<string> | null;
  /** Specialties of brawl */
  brawl_spec?: Array<string> | null;
  /** Specialties of empathy */
  empathy_spec?: Array<string> | null;
  /** Specialties of expression */
  expression_spec?: Array<string> | null;
  /** Specialties of intimidation */
  intimidation_spec?: Array<string> | null;
  /** Specialties of leadership */
  leadership_spec?: Array<string> | null;
  /** Specialties of streetwise */
  streetwise_spec?: Array<string> | null;
  /** Specialties of subterfuge */
  subterfuge_spec?: Array<string> | null;
  /** Specialties of animal_ken */
  animal_ken_spec?: Array<string> | null;
  /** Specialties of crafts */
  crafts_spec?: Array<string> | null;
  /** Specialties of drive */
  drive_spec?: Array<string> | null;
  /** Specialties of etiquette */
  etiquette_spec?: Array<string> | null;
  /** Specialties of firearms */
  firearms_spec?: Array<string> | null;
  /** Specialties of larceny */
  larceny_spec?: Array<string> | null;
  /** Specialties of melee */
  melee_spec?: Array<string> | null;
  /** Specialties of performance */
  performance_spec?: Array<string> | null;
  /** Specialties of stealth */
  stealth_spec?: Array<string> | null;
  /** Specialties of survival */
  survival_spec?: Array<string> | null;
  /** Specialties of academics */
  academics_spec?: Array<string> | null;
  /** Specialties of computer */
  computer_spec?: Array<string> | null;
  /** Specialties of finance */
  finance_spec?: Array<string> | null;
  /** Specialties of investigation */
  investigation_spec?: Array<string> | null;
  /** Specialties of law */
  law_spec?: Array<string> | null;
  /** Specialties of medicine */
  medicine_spec?: Array<string> | null;
  /** Specialties of occult */
  occult_spec?: Array<string> | null;
  /** Specialties of politics */
  politics_spec?: Array<string> | null;
  /** Specialties of science */
  science_spec?: Array<string> | null;
  /** Specialties of technology */
  technology_spec?: Array<string> | null;
  arete?: number;
  paradox?: number;
  quintessence?: number;
  /** The chronicle (Discord guild id) the character plays in, or null. */
  chronicle?: string | null;
};

/** A Vampire 20th character as the API returns it (the full sheet). */
export type Vampire20thSheet = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  history: string;
  date_of_birth: string;
  age: string;
  appearance_description: string;
  notes: string;
  notes2: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock: boolean;
  splat: "vampire20th";
  clan: string;
  clan_description: string;
  sire: string;
  morality_name: string;
  morality_description: string;
  morality_value: number;
  blood_total: number;
  blood_current: number;
  date_of_death: string;
  apparent_age: string;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  willpower: {
    current: number;
    total: number;
  };
  health: {
    bashing: number;
    lethal: number;
    aggravated: number;
    total: number;
  };
  attributes: {
    strength: {
      value: number;
      /** Specialties of strength */
      spec: Array<string> | null;
    };
    dexterity: {
      value: number;
      /** Specialties of dexterity */
      spec: Array<string> | null;
    };
    stamina: {
      value: number;
      /** Specialties of stamina */
      spec: Array<string> | null;
    };
    charisma: {
      value: number;
      /** Specialties of charisma */
      spec: Array<string> | null;
    };
    manipulation: {
      value: number;
      /** Specialties of manipulation */
      spec: Array<string> | null;
    };
    appearance: {
      value: number;
      /** Specialties of appearance */
      spec: Array<string> | null;
    };
    perception: {
      value: number;
      /** Specialties of perception */
      spec: Array<string> | null;
    };
    intelligence: {
      value: number;
      /** Specialties of intelligence */
      spec: Array<string> | null;
    };
    wits: {
      value: number;
      /** Specialties of wits */
      spec: Array<string> | null;
    };
  };
  skills: {
    alertness: {
      value: number;
      /** Specialties of alertness */
      spec: Array<string> | null;
    };
    athletics: {
      value: number;
      /** Specialties of athletics */
      spec: Array<string> | null;
    };
    awareness: {
      value: number;
      /** Specialties of awareness */
      spec: Array<string> | null;
    };
    brawl: {
      value: number;
      /** Specialties of brawl */
      spec: Array<string> | null;
    };
    empathy: {
      value: number;
      /** Specialties of empathy */
      spec: Array<string> | null;
    };
    expression: {
      value: number;
      /** Specialties of expression */
      spec: Array<string> | null;
    };
    intimidation: {
      value: number;
      /** Specialties of intimidation */
      spec: Array<string> | null;
    };
    leadership: {
      value: number;
      /** Specialties of leadership */
      spec: Array<string> | null;
    };
    streetwise: {
      value: number;
      /** Specialties of streetwise */
      spec: Array<string> | null;
    };
    subterfuge: {
      value: number;
      /** Specialties of subterfuge */
      spec: Array<string> | null;
    };
    animal_ken: {
      value: number;
      /** Specialties of animal_ken */
      spec: Array<string> | null;
    };
    crafts: {
      value: number;
      /** Specialties of crafts */
      spec: Array<string> | null;
    };
    drive: {
      value: number;
      /** Specialties of drive */
      spec: Array<string> | null;
    };
    etiquette: {
      value: number;
      /** Specialties of etiquette */
      spec: Array<string> | null;
    };
    firearms: {
      value: number;
      /** Specialties of firearms */
      spec: Array<string> | null;
    };
    larceny: {
      value: number;
      /** Specialties of larceny */
      spec: Array<string> | null;
    };
    melee: {
      value: number;
      /** Specialties of melee */
      spec: Array<string> | null;
    };
    performance: {
      value: number;
      /** Specialties of performance */
      spec: Array<string> | null;
    };
    stealth: {
      value: number;
      /** Specialties of stealth */
      spec: Array<string> | null;
    };
    survival: {
      value: number;
      /** Specialties of survival */
      spec: Array<string> | null;
    };
    academics: {
      value: number;
      /** Specialties of academics */
      spec: Array<string> | null;
    };
    computer: {
      value: number;
      /** Specialties of computer */
      spec: Array<string> | null;
    };
    finance: {
      value: number;
      /** Specialties of finance */
      spec: Array<string> | null;
    };
    investigation: {
      value: number;
      /** Specialties of investigation */
      spec: Array<string> | null;
    };
    law: {
      value: number;
      /** Specialties of law */
      spec: Array<string> | null;
    };
    medicine: {
      value: number;
      /** Specialties of medicine */
      spec: Array<string> | null;
    };
    occult: {
      value: number;
      /** Specialties of occult */
      spec: Array<string> | null;
    };
    politics: {
      value: number;
      /** Specialties of politics */
      spec: Array<string> | null;
    };
    science: {
      value: number;
      /** Specialties of science */
      spec: Array<string> | null;
    };
    technology: {
      value: number;
      /** Specialties of technology */
      spec: Array<string> | null;
    };
  };
  version: "20th";
};

/** A Vampire 20th character in the bot's tracker view. */
export type Vampire20thTracker = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  splat: "vampire20th";
  clan: string;
  morality_name: string;
  morality_value: number;
  blood_total: number;
  blood_current: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  willpower: {
    current: number;
    total: number;
  };
  health: {
    bashing: number;
    lethal: number;
    aggravated: number;
    total: number;
  };
  version: "20th";
};

/** The flat keys of a Vampire 20th character that a write may send; each is optional. */
export type Vampire20thWrite = {
  /** The character's name, unique per user regardless of case. */
  name?: string;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status?: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme?: string;
  history?: string;
  date_of_birth?: string;
  age?: string;
  appearance_description?: string;
  notes?: string;
  notes2?: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends?: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock?: boolean;
  exp_current?: number;
  exp_total?: number;
  willpower_current?: number;
  willpower_total?: number;
  health_bashing?: number;
  health_lethal?: number;
  health_aggravated?: number;
  health_total?: number;
  strength?: number;
  dexterity?: number;
  stamina?: number;
  charisma?: number;
  manipulation?: number;
  appearance?: number;
  perception?: number;
  intelligence?: number;
  wits?: number;
  /** Specialties of strength */
  strength_spec?: Array<string> | null;
  /** Specialties of dexterity */
  dexterity_spec?: Array<string> | null;
  /** Specialties of stamina */
  stamina_spec?: Array<string> | null;
  /** Specialties of charisma */
  charisma_spec?: Array<string> | null;
  /** Specialties of manipulation */
  manipulation_spec?: Array<string> | null;
  /** Specialties of appearance */
  appearance_spec?: Array<string> | null;
  /** Specialties of perception */
  perception_spec?: Array<string> | null;
  /** Specialties of intelligence */
  intelligence_spec?: Array<string> | null;
  /** Specialties of wits */
  wits_spec?: Array<string> | null;
  alertness?: number;
  athletics?: number;
  awareness?: number;
  brawl?: number;
  empathy?: number;
  expression?: number;
  intimidation?: number;
  leadership?: number;
  streetwise?: number;
  subterfuge?: number;
  animal_ken?: number;
  crafts?: number;
  drive?: number;
  etiquette?: number;
  firearms?: number;
  larceny?: number;
  melee?: number;
  performance?: number;
  stealth?: number;
  survival?: number;
  academics?: number;
  computer?: number;
  finance?: number;
  investigation?: number;
  law?: number;
  medicine?: number;
  occult?: number;
  politics?: number;
  science?: number;
  technology?: number;
  /** Specialties of alertness */
  alertness_spec?: Array<string> | null;
  /** Specialties of athletics */
  athletics_spec?: Array<string> | null;
  /** Specialties of awareness */
  awareness_spec?: Array<string> | null;
  /** Specialties of brawl */
  brawl_spec?: Array<string> | null;
  /** Specialties of empathy */
  empathy_spec?: Array<string> | null;
  /** Specialties of expression */
  expression_spec?: Array<string> | null;
  /** Specialties of intimidation */
  intimidation_spec?: Array<string> | null;
  /** Specialties of leadership */
  leadership_spec?: Array<string> | null;
  /** Specialties of streetwise */
  streetwise_spec?: Array<string> | null;
  /** Specialties of subterfuge */
  subterfuge_spec?: Array<string> | null;
  /** Specialties of animal_ken */
  animal_ken_spec?: Array<string> | null;
  /** Specialties of crafts */
  crafts_spec?: Array<string> | null;
  /** Specialties of drive */
  drive_spec?: Array<string> | null;
  /** Specialties of etiquette */
  etiquette_spec?: Array<string> | null;
  /** Specialties of firearms */
  firearms_spec?: Array<string> | null;
  /** Specialties of larceny */
  larceny_spec?: Array<string> | null;
  /** Specialties of melee */
  melee_spec?: Array<string> | null;
  /** Specialties of performance */
  performance_spec?: Array<string> | null;
  /** Specialties of stealth */
  stealth_spec?: Array<string> | null;
  /** Specialties of survival */
  survival_spec?: Array<string> | null;
  /** Specialties of academics */
  academics_spec?: Array<string> | null;
  /** Specialties of computer */
  computer_spec?: Array<string> | null;
  /** Specialties of finance */
  finance_spec?: Array<string> | null;
  /** Specialties of investigation */
  investigation_spec?: Array<string> | null;
  /** Specialties of law */
  law_spec?: Array<string> | null;
  /** Specialties of medicine */
  medicine_spec?: Array<string> | null;
  /** Specialties of occult */
  occult_spec?: Array<string> | null;
  /** Specialties of politics */
  politics_spec?: Array<string> | null;
  /** Specialties of science */
  science_spec?: Array<string> | null;
  /** Specialties of technology */
  technology_spec?: Array<string> | null;
  clan?: string;
  clan_description?: string;
  sire?: string;
  morality_name?: string;
  morality_description?: string;
  morality_value?: number;
  blood_total?: number;
  blood_current?: number;
  date_of_death?: string;
  apparent_age?: string;
  /** The chronicle (Discord guild id) the character plays in, or null. */
  chronicle?: string | null;
};

/** A Vampire 5th character as the API returns it (the full sheet). */
export type Vampire5thSheet = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  history: string;
  date_of_birth: string;
  age: string;
  appearance_description: string;
  notes: string;
  notes2: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock: boolean;
  splat: "vampire5th";
  ambition: string;
  desire: string;
  tenets: string;
  touchstones: string;
  convictions: string;
  merits: Array<Advantage>;
  flaws: Array<Advantage>;
  backgrounds: Array<Advantage>;
  haven: Array<Advantage>;
  haven_name: string;
  haven_location: string;
  haven_description: string;
  loresheets: Array<Advantage>;
  clan: "Custom" | "Banu Haqim" | "Brujah" | "Gangrel" | "Hecata" | "Lasombra" | "Malkavian" | "Ministry" | "Nosferatu" | "Ravnos" | "Salubri" | "Toreador" | "Tremere" | "Tzimisce" | "Ventrue" | "Caitiff" | "Thin Blood" | "";
  sire: string;
  generation: number | null;
  predator_type: "Custom" | "Alleycat" | "Blood Leech" | "Bagger" | "Cleaver" | "Consensualist" | "Farmer" | "Osiris" | "Sandman" | "Scene Queen" | "Siren" | "Extortionist" | "Graverobber" | "Roadside Killer" | "Grim Reaper" | "Montero" | "Pursuer" | "Trapdoor" | "Tithe Collector" | "";
  humanity: number;
  stains: number;
  hunger: number;
  resonance: string;
  hunting_roll: string;
  blood_potency: number;
  /** Disciplines keyed by name, each with its rating and its powers by level. */
  disciplines: {
    [key: string]: Discipline;
  };
  date_of_death: string;
  apparent_age: string;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  willpower: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  health: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  attributes: {
    strength: number;
    dexterity: number;
    stamina: number;
    charisma: number;
    manipulation: number;
    composure: number;
    intelligence: number;
    wits: number;
    resolve: number;
  };
  skills: {
    athletics: {
      value: number;
      /** Specialties of athletics */
      spec: Array<string> | null;
    };
    brawl: {
      value: number;
      /** Specialties of brawl */
      spec: Array<string> | null;
    };
    craft: {
      value: number;
      /** Specialties of craft */
      spec: Array<string> | null;
    };
    drive: {
      value: number;
      /** Specialties of drive */
      spec: Array<string> | null;
    };
    firearms: {
      value: number;
      /** Specialties of firearms */
      spec: Array<string> | null;
    };
    larceny: {
      value: number;
      /** Specialties of larceny */
      spec: Array<string> | null;
    };
    melee: {
      value: number;
      /** Specialties of melee */
      spec: Array<string> | null;
    };
    stealth: {
      value: number;
      /** Specialties of stealth */
      spec: Array<string> | null;
    };
    survival: {
      value: number;
      /** Specialties of survival */
      spec: Array<string> | null;
    };
    animal_ken: {
      value: number;
      /** Specialties of animal_ken */
      spec: Array<string> | null;
    };
    etiquette: {
      value: number;
      /** Specialties of etiquette */
      spec: Array<string> | null;
    };
    insight: {
      value: number;
      /** Specialties of insight */
      spec: Array<string> | null;
    };
    intimidation: {
      value: number;
      /** Specialties of intimidation */
      spec: Array<string> | null;
    };
    leadership: {
      value: number;
      /** Specialties of leadership */
      spec: Array<string> | null;
    };
    performance: {
      value: number;
      /** Specialties of performance */
      spec: Array<string> | null;
    };
    persuasion: {
      value: number;
      /** Specialties of persuasion */
      spec: Array<string> | null;
    };
    streetwise: {
      value: number;
      /** Specialties of streetwise */
      spec: Array<string> | null;
    };
    subterfuge: {
      value: number;
      /** Specialties of subterfuge */
      spec: Array<string> | null;
    };
    academics: {
      value: number;
      /** Specialties of academics */
      spec: Array<string> | null;
    };
    awareness: {
      value: number;
      /** Specialties of awareness */
      spec: Array<string> | null;
    };
    finance: {
      value: number;
      /** Specialties of finance */
      spec: Array<string> | null;
    };
    investigation: {
      value: number;
      /** Specialties of investigation */
      spec: Array<string> | null;
    };
    medicine: {
      value: number;
      /** Specialties of medicine */
      spec: Array<string> | null;
    };
    occult: {
      value: number;
      /** Specialties of occult */
      spec: Array<string> | null;
    };
    politics: {
      value: number;
      /** Specialties of politics */
      spec: Array<string> | null;
    };
    science: {
      value: number;
      /** Specialties of science */
      spec: Array<string> | null;
    };
    technology: {
      value: number;
      /** Specialties of technology */
      spec: Array<string> | null;
    };
  };
  version: "5th";
};

/** A Vampire 5th character in the bot's tracker view. */
export type Vampire5thTracker = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  splat: "vampire5th";
  clan: "Custom" | "Banu Haqim" | "Brujah" | "Gangrel" | "Hecata" | "Lasombra" | "Malkavian" | "Ministry" | "Nosferatu" | "Ravnos" | "Salubri" | "Toreador" | "Tremere" | "Tzimisce" | "Ventrue" | "Caitiff" | "Thin Blood" | "";
  humanity: number;
  stains: number;
  hunger: number;
  /** Disciplines keyed by name, each with its rating and its powers by level. */
  disciplines: {
    [key: string]: Discipline;
  };
  blood_potency: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  willpower: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  health: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  version: "5th";
};

/** The flat keys of a Vampire 5th character that a write may send; each is optional. */
export type Vampire5thWrite = {
  /** The character's name, unique per user regardless of case. */
  name?: string;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status?: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme?: string;
  history?: string;
  date_of_birth?: string;
  age?: string;
  appearance_description?: string;
  notes?: string;
  notes2?: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends?: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock?: boolean;
  exp_current?: number;
  exp_total?: number;
  ambition?: string;
  desire?: string;
  tenets?: string;
  touchstones?: string;
  convictions?: string;
  merits?: Array<Advantage>;
  flaws?: Array<Advantage>;
  backgrounds?: Array<Advantage>;
  haven?: Array<Advantage>;
  haven_name?: string;
  haven_location?: string;
  haven_description?: string;
  loresheets?: Array<Advantage>;
  willpower_superficial?: number;
  willpower_total?: number;
  willpower_aggravated?: number;
  health_superficial?: number;
  health_total?: number;
  health_aggravated?: number;
  strength?: number;
  dexterity?: number;
  stamina?: number;
  charisma?: number;
  manipulation?: number;
  composure?: number;
  intelligence?: number;
  wits?: number;
  resolve?: number;
  athletics?: number;
  brawl?: number;
  craft?: number;
  drive?: number;
  firearms?: number;
  larceny?: number;
  melee?: number;
  stealth?: number;
  survival?: number;
  animal_ken?: number;
  etiquette?: number;
  insight?: number;
  intimidation?: number;
  leadership?: number;
  performance?: number;
  persuasion?: number;
  streetwise?: number;
  subterfuge?: number;
  academics?: number;
  awareness?: number;
  finance?: number;
  investigation?: number;
  medicine?: number;
  occult?: number;
  politics?: number;
  science?: number;
  technology?: number;
  /** Specialties of athletics */
  athletics_spec?: Array<string> | null;
  /** Specialties of brawl */
  brawl_spec?: Array<string> | null;
  /** Specialties of craft */
  craft_spec?: Array<string> | null;
  /** Specialties of drive */
  drive_spec?: Array<string> | null;
  /** Specialties of firearms */
  firearms_spec?: Array<string> | null;
  /** Specialties of larceny */
  larceny_spec?: Array<string> | null;
  /** Specialties of melee */
  melee_spec?: Array<string> | null;
  /** Specialties of stealth */
  stealth_spec?: Array<string> | null;
  /** Specialties of survival */
  survival_spec?: Array<string> | null;
  /** Specialties of animal_ken */
  animal_ken_spec?: Array<string> | null;
  /** Specialties of etiquette */
  etiquette_spec?: Array<string> | null;
  /** Specialties of insight */
  insight_spec?: Array<string> | null;
  /** Specialties of intimidation */
  intimidation_spec?: Array<string> | null;
  /** Specialties of leadership */
  leadership_spec?: Array<string> | null;
  /** Specialties of performance */
  performance_spec?: Array<string> | null;
  /** Specialties of persuasion */
  persuasion_spec?: Array<string> | null;
  /** Specialties of streetwise */
  streetwise_spec?: Array<string> | null;
  /** Specialties of subterfuge */
  subterfuge_spec?: Array<string> | null;
  /** Specialties of academics */
  academics_spec?: Array<string> | null;
  /** Specialties of awareness */
  awareness_spec?: Array<string> | null;
  /** Specialties of finance */
  finance_spec?: Array<string> | null;
  /** Specialties of investigation */
  investigation_spec?: Array<string> | null;
  /** Specialties of medicine */
  medicine_spec?: Array<string> | null;
  /** Specialties of occult */
  occult_spec?: Array<string> | null;
  /** Specialties of politics */
  politics_spec?: Array<string> | null;
  /** Specialties of science */
  science_spec?: Array<string> | null;
  /** Specialties of technology */
  technology_spec?: Array<string> | null;
  clan?: "Custom" | "Banu Haqim" | "Brujah" | "Gangrel" | "Hecata" | "Lasombra" | "Malkavian" | "Ministry" | "Nosferatu" | "Ravnos" | "Salubri" | "Toreador" | "Tremere" | "Tzimisce" | "Ventrue" | "Caitiff" | "Thin Blood" | "";
  sire?: string;
  generation?: number | null;
  predator_type?: "Custom" | "Alleycat" | "Blood Leech" | "Bagger" | "Cleaver" | "Consensualist" | "Farmer" | "Osiris" | "Sandman" | "Scene Queen" | "Siren" | "Extortionist" | "Graverobber" | "Roadside Killer" | "Grim Reaper" | "Montero" | "Pursuer" | "Trapdoor" | "Tithe Collector" | "";
  humanity?: number;
  stains?: number;
  hunger?: number;
  resonance?: string;
  hunting_roll?: string;
  blood_potency?: number;
  /** Disciplines keyed by name, each with its rating and its powers by level. */
  disciplines?: {
    [key: string]: Discipline;
  };
  date_of_death?: string;
  apparent_age?: string;
  /** The chronicle (Discord guild id) the character plays in, or null. */
  chronicle?: string | null;
};

/** A Werewolf 20th character as the API returns it (the full sheet). */
export type Werewolf20thSheet = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  history: string;
  date_of_birth: string;
  age: string;
  appearance_description: string;
  notes: string;
  notes2: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock: boolean;
  splat: "werewolf20th";
  rage_total: number;
  rage_current: number;
  gnosis_total: number;
  gnosis_current: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  willpower: {
    current: number;
    total: number;
  };
  health: {
    bashing: number;
    lethal: number;
    aggravated: number;
    total: number;
  };
  attributes: {
    strength: {
      value: number;
      /** Specialties of strength */
      spec: Array<string> | null;
    };
    dexterity: {
      value: number;
      /** Specialties of dexterity */
      spec: Array<string> | null;
    };
    stamina: {
      value: number;
      /** Specialties of stamina */
      spec: Array<string> | null;
    };
    charisma: {
      value: number;
      /** Specialties of charisma */
      spec: Array<string> | null;
    };
    manipulation: {
      value: number;
      /** Specialties of manipulation */
      spec: Array<string> | null;
    };
    appearance: {
      value: number;
      /** Specialties of appearance */
      spec: Array<string> | null;
    };
    perception: {
      value: number;
      /** Specialties of perception */
      spec: Array<string> | null;
    };
    intelligence: {
      value: number;
      /** Specialties of intelligence */
      spec: Array<string> | null;
    };
    wits: {
      value: number;
      /** Specialties of wits */
      spec: Array<string> | null;
    };
  };
  skills: {
    alertness: {
      value: number;
      /** Specialties of alertness */
      spec: Array<string> | null;
    };
    athletics: {
      value: number;
      /** Specialties of athletics */
      spec: Array<string> | null;
    };
    awareness: {
      value: number;
      /** Specialties of awareness */
      spec: Array<string> | null;
    };
    brawl: {
      value: number;
      /** Specialties of brawl */
      spec: Array<string> | null;
    };
    empathy: {
      value: number;
      /** Specialties of empathy */
      spec: Array<string> | null;
    };
    expression: {
      value: number;
      /** Specialties of expression */
      spec: Array<string> | null;
    };
    intimidation: {
      value: number;
      /** Specialties of intimidation */
      spec: Array<string> | null;
    };
    leadership: {
      value: number;
      /** Specialties of leadership */
      spec: Array<string> | null;
    };
    streetwise: {
      value: number;
      /** Specialties of streetwise */
      spec: Array<string> | null;
    };
    subterfuge: {
      value: number;
      /** Specialties of subterfuge */
      spec: Array<string> | null;
    };
    animal_ken: {
      value: number;
      /** Specialties of animal_ken */
      spec: Array<string> | null;
    };
    crafts: {
      value: number;
      /** Specialties of crafts */
      spec: Array<string> | null;
    };
    drive: {
      value: number;
      /** Specialties of drive */
      spec: Array<string> | null;
    };
    etiquette: {
      value: number;
      /** Specialties of etiquette */
      spec: Array<string> | null;
    };
    firearms: {
      value: number;
      /** Specialties of firearms */
      spec: Array<string> | null;
    };
    larceny: {
      value: number;
      /** Specialties of larceny */
      spec: Array<string> | null;
    };
    melee: {
      value: number;
      /** Specialties of melee */
      spec: Array<string> | null;
    };
    performance: {
      value: number;
      /** Specialties of performance */
      spec: Array<string> | null;
    };
    stealth: {
      value: number;
      /** Specialties of stealth */
      spec: Array<string> | null;
    };
    survival: {
      value: number;
      /** Specialties of survival */
      spec: Array<string> | null;
    };
    academics: {
      value: number;
      /** Specialties of academics */
      spec: Array<string> | null;
    };
    computer: {
      value: number;
      /** Specialties of computer */
      spec: Array<string> | null;
    };
    finance: {
      value: number;
      /** Specialties of finance */
      spec: Array<string> | null;
    };
    investigation: {
      value: number;
      /** Specialties of investigation */
      spec: Array<string> | null;
    };
    law: {
      value: number;
      /** Specialties of law */
      spec: Array<string> | null;
    };
    medicine: {
      value: number;
      /** Specialties of medicine */
      spec: Array<string> | null;
    };
    occult: {
      value: number;
      /** Specialties of occult */
      spec: Array<string> | null;
    };
    politics: {
      value: number;
      /** Specialties of politics */
      spec: Array<string> | null;
    };
    science: {
      value: number;
      /** Specialties of science */
      spec: Array<string> | null;
    };
    technology: {
      value: number;
      /** Specialties of technology */
      spec: Array<string> | null;
    };
  };
  version: "20th";
};

/** A Werewolf 20th character in the bot's tracker view. */
export type Werewolf20thTracker = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  splat: "werewolf20th";
  rage_total: number;
  rage_current: number;
  gnosis_total: number;
  gnosis_current: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  willpower: {
    current: number;
    total: number;
  };
  health: {
    bashing: number;
    lethal: number;
    aggravated: number;
    total: number;
  };
  version: "20th";
};

/** The flat keys of a Werewolf 20th character that a write may send; each is optional. */
export type Werewolf20thWrite = {
  /** The character's name, unique per user regardless of case. */
  name?: string;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status?: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme?: string;
  history?: string;
  date_of_birth?: string;
  age?: string;
  appearance_description?: string;
  notes?: string;
  notes2?: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends?: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock?: boolean;
  exp_current?: number;
  exp_total?: number;
  willpower_current?: number;
  willpower_total?: number;
  health_bashing?: number;
  health_lethal?: number;
  health_aggravated?: number;
  health_total?: number;
  strength?: number;
  dexterity?: number;
  stamina?: number;
  charisma?: number;
  manipulation?: number;
  appearance?: number;
  perception?: number;
  intelligence?: number;
  wits?: number;
  /** Specialties of strength */
  strength_spec?: Array<string> | null;
  /** Specialties of dexterity */
  dexterity_spec?: Array<string> | null;
  /** Specialties of stamina */
  stamina_spec?: Array<string> | null;
  /** Specialties of charisma */
  charisma_spec?: Array<string> | null;
  /** Specialties of manipulation */
  manipulation_spec?: Array<string> | null;
  /** Specialties of appearance */
  appearance_spec?: Array<string> | null;
  /** Specialties of perception */
  perception_spec?: Array<string> | null;
  /** Specialties of intelligence */
  intelligence_spec?: Array<string> | null;
  /** Specialties of wits */
  wits_spec?: Array<string> | null;
  alertness?: number;
  athletics?: number;
  awareness?: number;
  brawl?: number;
  empathy?: number;
  expression?: number;
  intimidation?: number;
  leadership?: number;
  streetwise?: number;
  subterfuge?: number;
  animal_ken?: number;
  crafts?: number;
  drive?: number;
  etiquette?: number;
  firearms?: number;
  larceny?: number;
  melee?: number;
  performance?: number;
  stealth?: number;
  survival?: number;
  academics?: number;
  computer?: number;
  finance?: number;
  investigation?: number;
  law?: number;
  medicine?: number;
  occult?: number;
  politics?: number;
  science?: number;
  technology?: number;
  /** Specialties of alertness */
  alertness_spec?: Array<string> | null;
  /** Specialties of athletics */
  athletics_spec?: Array<string> | null;
  /** Specialties of awareness */
  awareness_spec?: Array<string> | null;
  /** Specialties of brawl */
  brawl_spec?: Array<string> | null;
  /** Specialties of empathy */
  empathy_spec?: Array<string> | null;
  /** Specialties of expression */
  expression_spec?: Array<string> | null;
  /** Specialties of intimidation */
  intimidation_spec?: Array<string> | null;
  /** Specialties of leadership */
  leadership_spec?: Array<string> | null;
  /** Specialties of streetwise */
  streetwise_spec?: Array<string> | null;
  /** Specialties of subterfuge */
  subterfuge_spec?: Array<string> | null;
  /** Specialties of animal_ken */
  animal_ken_spec?: Array<string> | null;
  /** Specialties of crafts */
  crafts_spec?: Array<string> | null;
  /** Specialties of drive */
  drive_spec?: Array<string> | null;
  /** Specialties of etiquette */
  etiquette_spec?: Array<string> | null;
  /** Specialties of firearms */
  firearms_spec?: Array<string> | null;
  /** Specialties of larceny */
  larceny_spec?: Array<string> | null;
  /** Specialties of melee */
  melee_spec?: Array<string> | null;
  /** Specialties of performance */
  performance_spec?: Array<string> | null;
  /** Specialties of stealth */
  stealth_spec?: Array<string> | null;
  /** Specialties of survival */
  survival_spec?: Array<string> | null;
  /** Specialties of academics */
  academics_spec?: Array<string> | null;
  /** Specialties of computer */
  computer_spec?: Array<string> | null;
  /** Specialties of finance */
  finance_spec?: Array<string> | null;
  /** Specialties of investigation */
  investigation_spec?: Array<string> | null;
  /** Specialties of law */
  law_spec?: Array<string> | null;
  /** Specialties of medicine */
  medicine_spec?: Array<string> | null;
  /** Specialties of occult */
  occult_spec?: Array<string> | null;
  /** Specialties of politics */
  politics_spec?: Array<string> | null;
  /** Specialties of science */
  science_spec?: Array<string> | null;
  /** Specialties of technology */
  technology_spec?: Array<string> | null;
  rage_total?: number;
  rage_current?: number;
  gnosis_total?: number;
  gnosis_current?: number;
  /** The chronicle (Discord guild id) the character plays in, or null. */
  chronicle?: string | null;
};

/** A Werewolf 5th character as the API returns it (the full sheet). */
export type Werewolf5thSheet = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  history: string;
  date_of_birth: string;
  age: string;
  appearance_description: string;
  notes: string;
  notes2: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock: boolean;
  splat: "werewolf5th";
  ambition: string;
  desire: string;
  tenets: string;
  touchstones: string;
  convictions: string;
  merits: Array<Advantage>;
  flaws: Array<Advantage>;
  backgrounds: Array<Advantage>;
  haven: Array<Advantage>;
  haven_name: string;
  haven_location: string;
  haven_description: string;
  loresheets: Array<Advantage>;
  rage: number;
  harano: number;
  hauglosk: number;
  form: "Homid" | "Glabro" | "Crinos" | "Hispo" | "Lupus";
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  willpower: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  health: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  attributes: {
    strength: number;
    dexterity: number;
    stamina: number;
    charisma: number;
    manipulation: number;
    composure: number;
    intelligence: number;
    wits: number;
    resolve: number;
  };
  skills: {
    athletics: {
      value: number;
      /** Specialties of athletics */
      spec: Array<string> | null;
    };
    brawl: {
      value: number;
      /** Specialties of brawl */
      spec: Array<string> | null;
    };
    craft: {
      value: number;
      /** Specialties of craft */
      spec: Array<string> | null;
    };
    drive: {
      value: number;
      /** Specialties of drive */
      spec: Array<string> | null;
    };
    firearms: {
      value: number;
      /** Specialties of firearms */
      spec: Array<string> | null;
    };
    larceny: {
      value: number;
      /** Specialties of larceny */
      spec: Array<string> | null;
    };
    melee: {
      value: number;
      /** Specialties of melee */
      spec: Array<string> | null;
    };
    stealth: {
      value: number;
      /** Specialties of stealth */
      spec: Array<string> | null;
    };
    survival: {
      value: number;
      /** Specialties of survival */
      spec: Array<string> | null;
    };
    animal_ken: {
      value: number;
      /** Specialties of animal_ken */
      spec: Array<string> | null;
    };
    etiquette: {
      value: number;
      /** Specialties of etiquette */
      spec: Array<string> | null;
    };
    insight: {
      value: number;
      /** Specialties of insight */
      spec: Array<string> | null;
    };
    intimidation: {
      value: number;
      /** Specialties of intimidation */
      spec: Array<string> | null;
    };
    leadership: {
      value: number;
      /** Specialties of leadership */
      spec: Array<string> | null;
    };
    performance: {
      value: number;
      /** Specialties of performance */
      spec: Array<string> | null;
    };
    persuasion: {
      value: number;
      /** Specialties of persuasion */
      spec: Array<string> | null;
    };
    streetwise: {
      value: number;
      /** Specialties of streetwise */
      spec: Array<string> | null;
    };
    subterfuge: {
      value: number;
      /** Specialties of subterfuge */
      spec: Array<string> | null;
    };
    academics: {
      value: number;
      /** Specialties of academics */
      spec: Array<string> | null;
    };
    awareness: {
      value: number;
      /** Specialties of awareness */
      spec: Array<string> | null;
    };
    finance: {
      value: number;
      /** Specialties of finance */
      spec: Array<string> | null;
    };
    investigation: {
      value: number;
      /** Specialties of investigation */
      spec: Array<string> | null;
    };
    medicine: {
      value: number;
      /** Specialties of medicine */
      spec: Array<string> | null;
    };
    occult: {
      value: number;
      /** Specialties of occult */
      spec: Array<string> | null;
    };
    politics: {
      value: number;
      /** Specialties of politics */
      spec: Array<string> | null;
    };
    science: {
      value: number;
      /** Specialties of science */
      spec: Array<string> | null;
    };
    technology: {
      value: number;
      /** Specialties of technology */
      spec: Array<string> | null;
    };
  };
  version: "5th";
};

/** A Werewolf 5th character in the bot's tracker view. */
export type Werewolf5thTracker = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  splat: "werewolf5th";
  rage: number;
  harano: number;
  hauglosk: number;
  form: "Homid" | "Glabro" | "Crinos" | "Hispo" | "Lupus";
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  willpower: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  health: {
    superficial: number;
    total: number;
    aggravated: number;
  };
  version: "5th";
};

/** The flat keys of a Werewolf 5th character that a write may send; each is optional. */
export type Werewolf5thWrite = {
  /** The character's name, unique per user regardless of case. */
  name?: string;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status?: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme?: string;
  history?: string;
  date_of_birth?: string;
  age?: string;
  appearance_description?: string;
  notes?: string;
  notes2?: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends?: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock?: boolean;
  exp_current?: number;
  exp_total?: number;
  ambition?: string;
  desire?: string;
  tenets?: string;
  touchstones?: string;
  convictions?: string;
  merits?: Array<Advantage>;
  flaws?: Array<Advantage>;
  backgrounds?: Array<Advantage>;
  haven?: Array<Advantage>;
  haven_name?: string;
  haven_location?: string;
  haven_description?: string;
  loresheets?: Array<Advantage>;
  willpower_superficial?: number;
  willpower_total?: number;
  willpower_aggravated?: number;
  health_superficial?: number;
  health_total?: number;
  health_aggravated?: number;
  strength?: number;
  dexterity?: number;
  stamina?: number;
  charisma?: number;
  manipulation?: number;
  composure?: number;
  intelligence?: number;
  wits?: number;
  resolve?: number;
  athletics?: number;
  brawl?: number;
  craft?: number;
  drive?: number;
  firearms?: number;
  larceny?: number;
  melee?: number;
  stealth?: number;
  survival?: number;
  animal_ken?: number;
  etiquette?: number;
  insight?: number;
  intimidation?: number;
  leadership?: number;
  performance?: number;
  persuasion?: number;
  streetwise?: number;
  subterfuge?: number;
  academics?: number;
  awareness?: number;
  finance?: number;
  investigation?: number;
  medicine?: number;
  occult?: number;
  politics?: number;
  science?: number;
  technology?: number;
  /** Specialties of athletics */
  athletics_spec?: Array<string> | null;
  /** Specialties of brawl */
  brawl_spec?: Array<string> | null;
  /** Specialties of craft */
  craft_spec?: Array<string> | null;
  /** Specialties of drive */
  drive_spec?: Array<string> | null;
  /** Specialties of firearms */
  firearms_spec?: Array<string> | null;
  /** Specialties of larceny */
  larceny_spec?: Array<string> | null;
  /** Specialties of melee */
  melee_spec?: Array<string> | null;
  /** Specialties of stealth */
  stealth_spec?: Array<string> | null;
  /** Specialties of survival */
  survival_spec?: Array<string> | null;
  /** Specialties of animal_ken */
  animal_ken_spec?: Array<string> | null;
  /** Specialties of etiquette */
  etiquette_spec?: Array<string> | null;
  /** Specialties of insight */
  insight_spec?: Array<string> | null;
  /** Specialties of intimidation */
  intimidation_spec?: Array<string> | null;
  /** Specialties of leadership */
  leadership_spec?: Array<string> | null;
  /** Specialties of performance */
  performance_spec?: Array<string> | null;
  /** Specialties of persuasion */
  persuasion_spec?: Array<string> | null;
  /** Specialties of streetwise */
  streetwise_spec?: Array<string> | null;
  /** Specialties of subterfuge */
  subterfuge_spec?: Array<string> | null;
  /** Specialties of academics */
  academics_spec?: Array<string> | null;
  /** Specialties of awareness */
  awareness_spec?: Array<string> | null;
  /** Specialties of finance */
  finance_spec?: Array<string> | null;
  /** Specialties of investigation */
  investigation_spec?: Array<string> | null;
  /** Specialties of medicine */
  medicine_spec?: Array<string> | null;
  /** Specialties of occult */
  occult_spec?: Array<string> | null;
  /** Specialties of politics */
  politics_spec?: Array<string> | null;
  /** Specialties of science */
  science_spec?: Array<string> | null;
  /** Specialties of technology */
  technology_spec?: Array<string> | null;
  rage?: number;
  harano?: number;
  hauglosk?: number;
  form?: "Homid" | "Glabro" | "Crinos" | "Hispo" | "Lupus";
  /** The chronicle (Discord guild id) the character plays in, or null. */
  chronicle?: string | null;
};

/** A Wraith 20th character as the API returns it (the full sheet). */
export type Wraith20thSheet = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  history: string;
  date_of_birth: string;
  age: string;
  appearance_description: string;
  notes: string;
  notes2: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock: boolean;
  splat: "wraith20th";
  corpus_total: number;
  corpus_current: number;
  pathos: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  willpower: {
    current: number;
    total: number;
  };
  health: {
    bashing: number;
    lethal: number;
    aggravated: number;
    total: number;
  };
  attributes: {
    strength: {
      value: number;
      /** Specialties of strength */
      spec: Array<string> | null;
    };
    dexterity: {
      value: number;
      /** Specialties of dexterity */
      spec: Array<string> | null;
    };
    stamina: {
      value: number;
      /** Specialties of stamina */
      spec: Array<string> | null;
    };
    charisma: {
      value: number;
      /** Specialties of charisma */
      spec: Array<string> | null;
    };
    manipulation: {
      value: number;
      /** Specialties of manipulation */
      spec: Array<string> | null;
    };
    appearance: {
      value: number;
      /** Specialties of appearance */
      spec: Array<string> | null;
    };
    perception: {
      value: number;
      /** Specialties of perception */
      spec: Array<string> | null;
    };
    intelligence: {
      value: number;
      /** Specialties of intelligence */
      spec: Array<string> | null;
    };
    wits: {
      value: number;
      /** Specialties of wits */
      spec: Array<string> | null;
    };
  };
  skills: {
    alertness: {
      value: number;
      /** Specialties of alertness */
      spec: Array<string> | null;
    };
    athletics: {
      value: number;
      /** Specialties of athletics */
      spec: Array<string> | null;
    };
    awareness: {
      value: number;
      /** Specialties of awareness */
      spec: Array<string> | null;
    };
    brawl: {
      value: number;
      /** Specialties of brawl */
      spec: Array<string> | null;
    };
    empathy: {
      value: number;
      /** Specialties of empathy */
      spec: Array<string> | null;
    };
    expression: {
      value: number;
      /** Specialties of expression */
      spec: Array<string> | null;
    };
    intimidation: {
      value: number;
      /** Specialties of intimidation */
      spec: Array<string> | null;
    };
    leadership: {
      value: number;
      /** Specialties of leadership */
      spec: Array<string> | null;
    };
    streetwise: {
      value: number;
      /** Specialties of streetwise */
      spec: Array<string> | null;
    };
    subterfuge: {
      value: number;
      /** Specialties of subterfuge */
      spec: Array<string> | null;
    };
    animal_ken: {
      value: number;
      /** Specialties of animal_ken */
      spec: Array<string> | null;
    };
    crafts: {
      value: number;
      /** Specialties of crafts */
      spec: Array<string> | null;
    };
    drive: {
      value: number;
      /** Specialties of drive */
      spec: Array<string> | null;
    };
    etiquette: {
      value: number;
      /** Specialties of etiquette */
      spec: Array<string> | null;
    };
    firearms: {
      value: number;
      /** Specialties of firearms */
      spec: Array<string> | null;
    };
    larceny: {
      value: number;
      /** Specialties of larceny */
      spec: Array<string> | null;
    };
    melee: {
      value: number;
      /** Specialties of melee */
      spec: Array<string> | null;
    };
    performance: {
      value: number;
      /** Specialties of performance */
      spec: Array<string> | null;
    };
    stealth: {
      value: number;
      /** Specialties of stealth */
      spec: Array<string> | null;
    };
    survival: {
      value: number;
      /** Specialties of survival */
      spec: Array<string> | null;
    };
    academics: {
      value: number;
      /** Specialties of academics */
      spec: Array<string> | null;
    };
    computer: {
      value: number;
      /** Specialties of computer */
      spec: Array<string> | null;
    };
    finance: {
      value: number;
      /** Specialties of finance */
      spec: Array<string> | null;
    };
    investigation: {
      value: number;
      /** Specialties of investigation */
      spec: Array<string> | null;
    };
    law: {
      value: number;
      /** Specialties of law */
      spec: Array<string> | null;
    };
    medicine: {
      value: number;
      /** Specialties of medicine */
      spec: Array<string> | null;
    };
    occult: {
      value: number;
      /** Specialties of occult */
      spec: Array<string> | null;
    };
    politics: {
      value: number;
      /** Specialties of politics */
      spec: Array<string> | null;
    };
    science: {
      value: number;
      /** Specialties of science */
      spec: Array<string> | null;
    };
    technology: {
      value: number;
      /** Specialties of technology */
      spec: Array<string> | null;
    };
  };
  version: "20th";
};

/** A Wraith 20th character in the bot's tracker view. */
export type Wraith20thTracker = {
  /** The character's name, unique per user regardless of case. */
  name: string;
  /** The character's id. */
  id: number;
  /** True for a full web sheet, false for a tracker made by the bot. Set on creation only. */
  readonly is_sheet: boolean;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme: string;
  splat: "wraith20th";
  corpus_total: number;
  corpus_current: number;
  pathos: number;
  /** The owner's Discord id. */
  user: string;
  /** The chronicle (Discord guild id), or null. */
  chronicle: string | null;
  /** The owner's membership id in the chronicle, or null. */
  member: string | null;
  /** Seconds since 1970 (UTC), with a fraction. */
  created_at: number;
  /** Seconds since 1970 (UTC), with a fraction. */
  last_updated: number;
  /** The avatar's path (`/media/char_avatars/...`), or null. */
  faceclaim: string | null;
  /** Experience points. */
  exp: {
    current: number;
    total: number;
  };
  willpower: {
    current: number;
    total: number;
  };
  health: {
    bashing: number;
    lethal: number;
    aggravated: number;
    total: number;
  };
  version: "20th";
};

/** The flat keys of a Wraith 20th character that a write may send; each is optional. */
export type Wraith20thWrite = {
  /** The character's name, unique per user regardless of case. */
  name?: string;
  /** Dead and Archive sheets do not count against the sheet limit and cannot be edited until revived. */
  status?: 1 | 2 | 3 | 4 | 5;
  /** Colour as #rgb or #rrggbb, or empty. */
  theme?: string;
  history?: string;
  date_of_birth?: string;
  age?: string;
  appearance_description?: string;
  notes?: string;
  notes2?: string;
  /** Experience spent, as a list of {"description": text of at most 80 characters, "cost": integer}. */
  exp_spends?: Array<ExpSpend>;
  /** The storyteller lock. Only a storyteller or admin of the character's chronicle may set it. */
  st_lock?: boolean;
  exp_current?: number;
  exp_total?: number;
  willpower_current?: number;
  willpower_total?: number;
  health_bashing?: number;
  health_lethal?: number;
  health_aggravated?: number;
  health_total?: number;
  strength?: number;
  dexterity?: number;
  stamina?: number;
  charisma?: number;
  manipulation?: number;
  appearance?: number;
  perception?: number;
  intelligence?: number;
  wits?: number;
  /** Specialties of strength */
  strength_spec?: Array<string> | null;
  /** Specialties of dexterity */
  dexterity_spec?: Array<string> | null;
  /** Specialties of stamina */
  stamina_spec?: Array<string> | null;
  /** Specialties of charisma */
  charisma_spec?: Array<string> | null;
  /** Specialties of manipulation */
  manipulation_spec?: Array<string> | null;
  /** Specialties of appearance */
  appearance_spec?: Array<string> | null;
  /** Specialties of perception */
  perception_spec?: Array<string> | null;
  /** Specialties of intelligence */
  intelligence_spec?: Array<string> | null;
  /** Specialties of wits */
  wits_spec?: Array<string> | null;
  alertness?: number;
  athletics?: number;
  awareness?: number;
  brawl?: number;
  empathy?: number;
  expression?: number;
  intimidation?: number;
  leadership?: number;
  streetwise?: number;
  subterfuge?: number;
  animal_ken?: number;
  crafts?: number;
  drive?: number;
  etiquette?: number;
  firearms?: number;
  larceny?: number;
  melee?: number;
  performance?: number;
  stealth?: number;
  survival?: number;
  academics?: number;
  computer?: number;
  finance?: number;
  investigation?: number;
  law?: number;
  medicine?: number;
  occult?: number;
  politics?: number;
  science?: number;
  technology?: number;
  /** Specialties of alertness */
  alertness_spec?: Array<string> | null;
  /** Specialties of athletics */
  athletics_spec?: Array<string> | null;
  /** Specialties of awareness */
  awareness_spec?: Array<string> | null;
  /** Specialties of brawl */
  brawl_spec?: Array<string> | null;
  /** Specialties of empathy */
  empathy_spec?: Array<string> | null;
  /** Specialties of expression */
  expression_spec?: Array<string> | null;
  /** Specialties of intimidation */
  intimidation_spec?: Array<string> | null;
  /** Specialties of leadership */
  leadership_spec?: Array<string> | null;
  /** Specialties of streetwise */
  streetwise_spec?: Array<string> | null;
  /** Specialties of subterfuge */
  subterfuge_spec?: Array<string> | null;
  /** Specialties of animal_ken */
  animal_ken_spec?: Array<string> | null;
  /** Specialties of crafts */
  crafts_spec?: Array<string> | null;
  /** Specialties of drive */
  drive_spec?: Array<string> | null;
  /** Specialties of etiquette */
  etiquette_spec?: Array<string> | null;
  /** Specialties of firearms */
  firearms_spec?: Array<string> | null;
  /** Specialties of larceny */
  larceny_spec?: Array<string> | null;
  /** Specialties of melee */
  melee_spec?: Array<string> | null;
  /** Specialties of performance */
  performance_spec?: Array<string> | null;
  /** Specialties of stealth */
  stealth_spec?: Array<string> | null;
  /** Specialties of survival */
  survival_spec?: Array<string> | null;
  /** Specialties of academics */
  academics_spec?: Array<string> | null;
  /** Specialties of computer */
  computer_spec?: Array<string> | null;
  /** Specialties of finance */
  finance_spec?: Array<string> | null;
  /** Specialties of investigation */
  investigation_spec?: Array<string> | null;
  /** Specialties of law */
  law_spec?: Array<string> | null;
  /** Specialties of medicine */
  medicine_spec?: Array<string> | null;
  /** Specialties of occult */
  occult_spec?: Array<string> | null;
  /** Specialties of politics */
  politics_spec?: Array<string> | null;
  /** Specialties of science */
  science_spec?: Array<string> | null;
  /** Specialties of technology */
  technology_spec?: Array<string> | null;
  corpus_total?: number;
  corpus_current?: number;
  pathos?: number;
  /** The chronicle (Discord guild id) the character plays in, or null. */
  chronicle?: string | null;
};

export type ExpSpend = {
  description: string;
  cost: number;
};

export type Advantage = {
  name: string;
  description: string;
  notes: string;
  rating: number;
  flaw: boolean;
  modifier: number;
};

export type Discipline = {
  name: string;
  description?: Array<string> | null;
  characteristics?: Array<string> | null;
  custom: 0;
  source?: string | null;
  value: number;
  powers: {
    "1"?: DisciplinePower | null;
    "2"?: DisciplinePower | null;
    "3"?: DisciplinePower | null;
    "4"?: DisciplinePower | null;
    "5"?: DisciplinePower | null;
  };
};

export type DisciplinePower = {
  name: string;
  amalgam: string;
  description: string;
  cost: string;
  dice_pool: string;
  system: string;
  duration: string;
};

/** A frame a client sends. */
export type GatewayClientFrame = GatewayIdentify | GatewayHeartbeat | GatewaySheetSubscribe | GatewayFieldUpdate | GatewayUndo;

/** Asks for READY. */
export type GatewayIdentify = {
  op: 3;
  d: null;
  t: null;
};

/** Answered with a heartbeat ACK. */
export type GatewayHeartbeat = {
  op: 2;
  d: null;
  t: null;
};

/** Selects the sheet the page shows (its updates then carry the full sheet); a falsy id clears it. */
export type GatewaySheetSubscribe = {
  op: 1;
  d: {
    id: string | number | null;
  };
  t: "sheet_subscribe";
};

/** Changes one trait with exactly one edit. */
export type GatewayFieldUpdate = {
  op: 1;
  d: {
    /** Any value; echoed in the answer. */
    nonce?: unknown;
    id: string | number;
    /** A trait key, or a damage track's name (`health`). */
    key: string;
    /** The character's revision the page last saw. */
    revision: number;
    /** Replaces the trait. */
    value?: unknown;
    /** Adds to an integer trait (negative subtracts). */
    add?: number;
    /** Marks (positive) or heals (negative) boxes of a damage track, by level: `{"superficial": 2}`. */
    damage?: {
      [key: string]: number;
    };
    /** Adds one entry at the end of a list trait. */
    append?: unknown;
    /** Removes one entry: a position, or a name. */
    remove?: number | string;
    /** Adds or replaces one named entry of an object trait. */
    entry?: {
      name: string;
      value: unknown;
    };
  };
  t: "field_update";
};

/** Undoes the sender's own last change to the character, if nobody changed it since (a restore of the revision before it). */
export type GatewayUndo = {
  op: 1;
  d: {
    /** Any value; echoed in the answer. */
    nonce?: unknown;
    id: string | number;
    /** The character's revision the page last saw. */
    revision: number;
  };
  t: "undo";
};

/** A frame the server sends. */
export type GatewayServerFrame = GatewayWelcome | GatewayHeartbeatACK | GatewayReady | GatewayUpdateCharacter | GatewayDeleteCharacter | GatewayUpdateUser | GatewayUpdateChronicle | GatewayUpdateMember | GatewayDeleteMember | GatewayFieldUpdated | GatewayFieldError | GatewayUndone | GatewayUndoError | GatewayError;

/** Sent once, on connect. */
export type GatewayWelcome = {
  op: 4;
  d: null;
  t: null;
};

/** Answers a heartbeat. */
export type GatewayHeartbeatACK = {
  op: 5;
  d: null;
  t: null;
};

/** Answers identify: what the user may see, followed from now on. */
export type GatewayReady = {
  op: 0;
  d: {
    user: GatewayUser;
    members: {
      [key: string]: {
        [key: string]: GatewayMember;
      };
    };
    characters: {
      [key: string]: Changeling20thTracker | Demon20thTracker | Ghoul20thTracker | Ghoul5thTracker | Human20thTracker | Human5thTracker | Hunter5thTracker | Mage20thTracker | Vampire20thTracker | Vampire5thTracker | Werewolf20thTracker | Werewolf5thTracker | Wraith20thTracker;
    };
    chronicles: {
      [key: string]: GatewayChronicle;
    };
    revisions: {
      [key: string]: number;
    };
  } | {
    [key: string]: unknown;
  };
  t: "READY";
};

/** A followed character changed or appeared; `sheet` on the socket that selected it. */
export type GatewayUpdateCharacter = {
  op: 0;
  d: {
    character: Changeling20thTracker | Demon20thTracker | Ghoul20thTracker | Ghoul5thTracker | Human20thTracker | Human5thTracker | Hunter5thTracker | Mage20thTracker | Vampire20thTracker | Vampire5thTracker | Werewolf20thTracker | Werewolf5thTracker | Wraith20thTracker;
    id: number;
    sheet?: Changeling20thSheet | Demon20thSheet | Ghoul20thSheet | Ghoul5thSheet | Human20thSheet | Human5thSheet | Hunter5thSheet | Mage20thSheet | Vampire20thSheet | Vampire5thSheet | Werewolf20thSheet | Werewolf5thSheet | Wraith20thSheet;
    revision?: number;
  };
  t: "UPDATE_CHARACTER";
};

/** A followed character was deleted or is no longer visible. */
export type GatewayDeleteCharacter = {
  op: 0;
  d: {
    id: string;
  };
  t: "DELETE_CHARACTER";
};

/** The user changed. */
export type GatewayUpdateUser = {
  op: 0;
  d: {
    user: GatewayUser;
  };
  t: "UPDATE_USER";
};

/** A chronicle of the user changed. */
export type GatewayUpdateChronicle = {
  op: 0;
  d: {
    chronicle: GatewayChronicle;
  };
  t: "UPDATE_CHRONICLE";
};

/** A followed membership changed or appeared. */
export type GatewayUpdateMember = {
  op: 0;
  d: {
    member: GatewayMember;
  };
  t: "UPDATE_MEMBER";
};

/** A followed membership was removed. */
export type GatewayDeleteMember = {
  op: 0;
  d: {
    member: {
      id?: string;
      user: string;
      chronicle: string;
    };
  };
  t: "DELETE_MEMBER";
};

/** A field update was saved (sent to its sender only). */
export type GatewayFieldUpdated = {
  op: 0;
  d: {
    nonce?: unknown;
    id: string;
    key: string;
    revision: number;
    value: unknown;
  };
  t: "FIELD_UPDATED";
};

/** A field update was refused (sent to its sender only). */
export type GatewayFieldError = {
  op: 0;
  d: {
    nonce?: unknown;
    id?: unknown;
    key?: unknown;
    reason: "bad_request" | "invalid" | "stale" | "locked" | "forbidden" | "not_found" | "not_a_sheet" | "busy" | "unavailable" | "rate_limited" | "throttled" | "signed_out";
    errors: ValidationErrors;
    revision?: number;
    value?: unknown;
  };
  t: "FIELD_ERROR";
};

/** An undo was saved (sent to its sender only; followers receive `UPDATE_CHARACTER`). */
export type GatewayUndone = {
  op: 0;
  d: {
    nonce?: unknown;
    id: string;
    revision: number;
    /** The revision the character went back to. */
    restored_revision: number;
  };
  t: "UNDONE";
};

/** An undo was refused, with a field update's reasons (`stale`: the character changed since, or its last change is not the sender's). */
export type GatewayUndoError = {
  op: 0;
  d: {
    nonce?: unknown;
    id?: unknown;
    reason: "bad_request" | "invalid" | "stale" | "locked" | "forbidden" | "not_found" | "not_a_sheet" | "busy" | "unavailable" | "rate_limited" | "throttled" | "signed_out";
    errors: ValidationErrors;
    revision?: number;
  };
  t: "UNDO_ERROR";
};

/** READY could not be built. */
export type GatewayError = {
  op: 0;
  d: {
    message: string;
  };
  t: "ERROR";
};
