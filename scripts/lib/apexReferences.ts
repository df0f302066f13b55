/**
 * Schema references in Apex, found in the apex-parser parse tree (parsing itself is in apexSource.ts):
 *
 * - SOQL in brackets: FROM objects, selected fields and relationship paths, subqueries on child
 *   relationships, semi-join subqueries, WHERE / WITH / GROUP BY / HAVING / ORDER BY fields, fields inside
 *   aggregate and date functions, TYPEOF; SOSL RETURNING lists; string literals that parse as a whole SOQL
 *   query (dynamic SOQL without concatenation).
 * - Object names: `Foo__c` in types (`List<Foo__c>`, `Foo__c rec`, casts, instanceof), `new Foo__c(...)`,
 *   `Foo__c.SObjectType`, `Schema.SObjectType.Foo__c`, trigger objects.
 * - Fields: `Foo__c.Bar__c` tokens, `Schema.SObjectType.Foo__c.fields.Bar__c`, `new Foo__c(Bar__c = ...)`,
 *   and field access on any expression whose type is known to be a record: variables, parameters, class
 *   fields and properties, loop variables, `list[i]`, `list.get(i)`, `map.get(k)`, `map.values()`,
 *   `Trigger.new`, casts, inline queries, relationship traversal (`rec.Account__r.Owner.Email`), and
 *   return values of methods of the package's own classes.
 *
 * Custom names carry a `__` suffix and Apex identifiers cannot contain `__`, so an unresolved identifier with a
 * custom suffix is always a schema reference.
 */
import {
  ApexErrorListener,
  ApexParserFactory,
  ArrayExpressionContext,
  AssignExpressionContext,
  BlockContext,
  BoundExpressionContext,
  CastExpressionContext,
  CatchClauseContext,
  ClassDeclarationContext,
  CoalExpressionContext,
  CondExpressionContext,
  ConstructorDeclarationContext,
  CreatorContext,
  DotExpressionContext,
  EnhancedForControlContext,
  EnumDeclarationContext,
  FieldNameContext,
  FieldSpecContext,
  ForStatementContext,
  IdPrimaryContext,
  InterfaceDeclarationContext,
  LiteralContext,
  LocalVariableDeclarationContext,
  MethodCallExpressionContext,
  MethodDeclarationContext,
  NewExpressionContext,
  PrimaryExpressionContext,
  PropertyDeclarationContext,
  QueryContext,
  SelectEntryContext,
  SetterContext,
  SoqlPrimaryContext,
  SoslLiteralContext,
  SubExpressionContext,
  SubFieldEntryContext,
  SubQueryContext,
  ThisPrimaryContext,
  TriggerUnitContext,
  TypeOfContext,
  TypeRefContext,
  WhenControlContext,
  type FieldListContext,
  type FormalParameterContext,
  type InterfaceMethodDeclarationContext,
  type ModifierContext,
  type SoqlFunctionContext,
  type ApexParserRuleContext,
  type ApexParseTree,
  type ExpressionContext
} from '@apexdevtools/apex-parser';
import type { ParsedApexFile } from './apexSource';
import { POLYMORPHIC_TARGET, type SchemaModel, type SchemaTarget } from './schemaModel';

// ---------------------------------------------------------------------------------------------------------
// What the extractor reports

export type ApexReferenceKind = 'apex' | 'soql' | 'sosl' | 'dynamic-soql';

export interface ApexReference {
  readonly kind: ApexReferenceKind;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly target: SchemaTarget;
}

// ---------------------------------------------------------------------------------------------------------
// The package's classes: members and signatures, for typing expressions and for `@salesforce/apex` imports

/** A type as written: `List<Foo__c>` is `{ name: 'List', args: [{ name: 'Foo__c' }] }`. */
export interface TypeExpr {
  readonly name: string;
  readonly args: readonly TypeExpr[];
  readonly array: boolean;
}

export interface ApexMethodInfo {
  readonly name: string;
  readonly line: number;
  readonly isStatic: boolean;
  readonly auraEnabled: boolean;
  readonly access: 'global' | 'public' | 'protected' | 'private';
  readonly returnType?: TypeExpr;
  readonly parameterCount: number;
}

export interface ApexClassInfo {
  readonly name: string;
  /** `Outer.Inner` for an inner class. */
  readonly qualifiedName: string;
  readonly file: string;
  readonly line: number;
  readonly kind: 'class' | 'interface' | 'enum';
  readonly superclass?: string;
  readonly outer?: ApexClassInfo;
  readonly methods: readonly ApexMethodInfo[];
  /** Fields and properties by lower-case name. */
  readonly members: ReadonlyMap<string, { readonly type: TypeExpr; readonly isStatic: boolean }>;
  /** Inner classes by lower-case name. */
  readonly inner: ReadonlyMap<string, ApexClassInfo>;
}

export class ApexClassIndex {
  private readonly topLevel = new Map<string, ApexClassInfo>();

  constructor(classes: Iterable<ApexClassInfo>) {
    for (const info of classes) {
      this.topLevel.set(info.name.toLowerCase(), info);
    }
  }

  classes(): ApexClassInfo[] {
    return [...this.topLevel.values()];
  }

  /** A top-level class, or `Outer.Inner`. */
  find(name: string): ApexClassInfo | undefined {
    const [first, ...rest] = name.toLowerCase().split('.');
    let found = this.topLevel.get(first ?? '');
    for (const part of rest) {
      found = found?.inner.get(part);
    }
    return found;
  }

  /** A class name as seen from inside `from`: its inner classes and its outer classes' first, then top level. */
  resolve(name: string, from: ApexClassInfo | undefined): ApexClassInfo | undefined {
    const lower = name.toLowerCase();
    if (!lower.includes('.')) {
      for (let scope = from; scope; scope = scope.outer) {
        if (scope.name.toLowerCase() === lower) return scope;
        const inner = scope.inner.get(lower);
        if (inner) return inner;
      }
    }
    return this.find(name);
  }

  /** Methods named `name` in `info` and its package superclasses. */
  methods(info: ApexClassInfo, name: string): ApexMethodInfo[] {
    const lower = name.toLowerCase();
    const found: ApexMethodInfo[] = [];
    const seen = new Set<ApexClassInfo>();
    for (let current: ApexClassInfo | undefined = info; current && !seen.has(current);) {
      seen.add(current);
      found.push(...current.methods.filter((method) => method.name.toLowerCase() === lower));
      current = current.superclass ? this.resolve(current.superclass, current) : undefined;
    }
    return found;
  }

  member(
    info: ApexClassInfo,
    name: string
  ): { owner: ApexClassInfo; type: TypeExpr; isStatic: boolean } | undefined {
    const seen = new Set<ApexClassInfo>();
    for (let current: ApexClassInfo | undefined = info; current && !seen.has(current);) {
      seen.add(current);
      const member = current.members.get(name.toLowerCase());
      if (member) return { owner: current, ...member };
      current = current.superclass ? this.resolve(current.superclass, current) : undefined;
    }
    return undefined;
  }
}

/** Members and method signatures of the classes in parsed `.cls` files. */
export function buildClassIndex(files: readonly ParsedApexFile[]): ApexClassIndex {
  const classes: ApexClassInfo[] = [];
  for (const parsed of files) {
    if (parsed.kind !== 'class') continue;
    const declaration = firstRule(parsed.tree, [
      ClassDeclarationContext,
      InterfaceDeclarationContext,
      EnumDeclarationContext
    ]);
    if (declaration) {
      classes.push(describeType(declaration, parsed.file, undefined));
    }
  }
  return new ApexClassIndex(classes);
}

type TypeDeclaration = ClassDeclarationContext | InterfaceDeclarationContext | EnumDeclarationContext;

function describeType(
  declaration: TypeDeclaration,
  file: string,
  outer: ApexClassInfo | undefined
): ApexClassInfo {
  const name = declaration.id()?.getText() ?? '';
  const methods: ApexMethodInfo[] = [];
  const members = new Map<string, { type: TypeExpr; isStatic: boolean }>();
  const inner = new Map<string, ApexClassInfo>();
  const info: ApexClassInfo = {
    name,
    qualifiedName: outer ? `${outer.qualifiedName}.${name}` : name,
    file,
    line: declaration.start.line,
    kind:
      declaration instanceof ClassDeclarationContext
        ? 'class'
        : declaration instanceof InterfaceDeclarationContext
          ? 'interface'
          : 'enum',
    superclass: declaration instanceof ClassDeclarationContext ? declaration.typeRef()?.getText() : undefined,
    outer,
    methods,
    members,
    inner
  };
  if (declaration instanceof ClassDeclarationContext) {
    for (const body of declaration.classBody()?.classBodyDeclaration_list() ?? []) {
      const member = body.memberDeclaration();
      if (!member) continue;
      const modifiers = modifierInfo(body.modifier_list());
      const method = member.methodDeclaration();
      const field = member.fieldDeclaration();
      const property = member.propertyDeclaration();
      const nested = member.classDeclaration() ?? member.interfaceDeclaration() ?? member.enumDeclaration();
      if (method) {
        methods.push({
          name: method.id().getText(),
          line: method.start.line,
          isStatic: modifiers.isStatic,
          auraEnabled: modifiers.auraEnabled,
          access: modifiers.access,
          returnType: method.typeRef() ? typeExprOf(method.typeRef()) : undefined,
          parameterCount: method.formalParameters()?.formalParameterList()?.formalParameter_list().length ?? 0
        });
      } else if (field) {
        const type = typeExprOf(field.typeRef());
        for (const declarator of field.variableDeclarators().variableDeclarator_list()) {
          members.set(declarator.id().getText().toLowerCase(), { type, isStatic: modifiers.isStatic });
        }
      } else if (property) {
        members.set(property.id().getText().toLowerCase(), {
          type: typeExprOf(property.typeRef()),
          isStatic: modifiers.isStatic
        });
      } else if (nested) {
        const nestedInfo = describeType(nested, file, info);
        inner.set(nestedInfo.name.toLowerCase(), nestedInfo);
      }
    }
  } else if (declaration instanceof InterfaceDeclarationContext) {
    for (const method of declaration.interfaceBody()?.interfaceMethodDeclaration_list() ?? []) {
      methods.push(interfaceMethod(method));
    }
  }
  return info;
}

function interfaceMethod(method: InterfaceMethodDeclarationContext): ApexMethodInfo {
  const modifiers = modifierInfo(method.modifier_list());
  return {
    name: method.id().getText(),
    line: method.start.line,
    isStatic: false,
    auraEnabled: modifiers.auraEnabled,
    access: 'public',
    returnType: method.typeRef() ? typeExprOf(method.typeRef()) : undefined,
    parameterCount: method.formalParameters()?.formalParameterList()?.formalParameter_list().length ?? 0
  };
}

function modifierInfo(modifiers: readonly ModifierContext[]): {
  isStatic: boolean;
  auraEnabled: boolean;
  access: ApexMethodInfo['access'];
} {
  let isStatic = false;
  let auraEnabled = false;
  let access: ApexMethodInfo['access'] = 'private';
  for (const modifier of modifiers) {
    const text = modifier.getText().toLowerCase();
    if (modifier.annotation()) {
      if (/^@auraenabled\b/.test(text)) auraEnabled = true;
    } else if (text === 'static') {
      isStatic = true;
    } else if (text === 'global' || text === 'public' || text === 'protected' || text === 'private') {
      access = text;
    }
  }
  return { isStatic, auraEnabled, access };
}

function typeExprOf(ref: TypeRefContext): TypeExpr {
  const names = ref.typeName_list();
  const last = names[names.length - 1];
  const args = last?.typeArguments()?.typeList()?.typeRef_list().map(typeExprOf) ?? [];
  const name = names
    .map((typeName) => typeName.id()?.getText() ?? typeName.getText().replace(/<.*$/, ''))
    .join('.');
  const array = (ref.arraySubscripts()?.getText() ?? '').includes('[');
  return { name, args, array };
}

// ---------------------------------------------------------------------------------------------------------
// Types of expressions, as far as the extractor needs them

type ApexType =
  | { readonly t: 'record'; readonly object: string }
  | { readonly t: 'query'; readonly object: string }
  | { readonly t: 'list'; readonly of: ApexType | undefined }
  | { readonly t: 'map'; readonly value: ApexType | undefined }
  | { readonly t: 'sobjectType'; readonly object: string }
  | { readonly t: 'token'; readonly object: string }
  | { readonly t: 'describeRoot' }
  | { readonly t: 'describe'; readonly object: string }
  | { readonly t: 'describeFields'; readonly object: string }
  | { readonly t: 'schema' }
  | { readonly t: 'trigger'; readonly object?: string }
  | { readonly t: 'instance'; readonly cls: ApexClassInfo }
  | { readonly t: 'class'; readonly cls: ApexClassInfo };

class Scope {
  private readonly variables = new Map<string, ApexType | undefined>();

  constructor(readonly parent?: Scope) {}

  declare(name: string, type: ApexType | undefined): void {
    this.variables.set(name.toLowerCase(), type);
  }

  lookup(name: string): { found: boolean; type?: ApexType } {
    const key = name.toLowerCase();
    if (this.variables.has(key)) {
      return { found: true, type: this.variables.get(key) };
    }
    return this.parent ? this.parent.lookup(name) : { found: false };
  }
}

type RuleClass = abstract new (...args: never[]) => ApexParserRuleContext;

function firstRule(root: ApexParseTree, types: readonly RuleClass[]): TypeDeclaration | undefined {
  const pending: ApexParseTree[] = [root];
  while (pending.length > 0) {
    const node = pending.shift() as ApexParseTree;
    if (types.some((type) => node instanceof type)) {
      return node as TypeDeclaration;
    }
    pending.push(...childrenOf(node));
  }
  return undefined;
}

function childrenOf(node: ApexParseTree): ApexParseTree[] {
  return ((node as { children?: ApexParseTree[] | null }).children ?? []).filter(Boolean);
}

function isRule(node: ApexParseTree): node is ApexParserRuleContext {
  return 'start' in node && 'children' in node;
}

// ---------------------------------------------------------------------------------------------------------
// Extraction

/** Every schema reference in one parsed Apex file. */
export function extractApexReferences(
  parsed: ParsedApexFile,
  model: SchemaModel,
  classes: ApexClassIndex
): ApexReference[] {
  return new Extractor(model, classes).run(parsed);
}

/**
 * Schema references in one SOQL query given as text (`SELECT ... FROM ...`). Returns undefined when the
 * text is not one complete query. Every reference is placed at `line`/`column`.
 */
export function extractSoqlText(
  text: string,
  model: SchemaModel,
  where: { line: number; column: number },
  kind: ApexReferenceKind = 'dynamic-soql'
): ApexReference[] | undefined {
  const query = parseQueryText(text);
  if (!query) return undefined;
  const extractor = new Extractor(model, new ApexClassIndex([]));
  extractor.fixedLocation = where;
  extractor.query(query, kind);
  return extractor.references;
}

function parseQueryText(text: string): QueryContext | undefined {
  if (!/^\s*select\s/i.test(text) || !/\sfrom\s/i.test(text)) return undefined;
  let failed = false;
  const listener = new (class extends ApexErrorListener {
    apexSyntaxError(): void {
      failed = true;
    }
  })();
  const { parser } = ApexParserFactory.createLexerAndParser(text, listener);
  const query = parser.query();
  const atEnd = parser.getTokenStream().LA(1) === -1;
  return failed || !atEnd ? undefined : query;
}

const SCHEMA_SUFFIX = /__(c|mdt|e|b|x|share|history)$/i;

class Extractor {
  readonly references: ApexReference[] = [];
  fixedLocation: { line: number; column: number } | undefined;
  private readonly consumed = new Set<ApexParserRuleContext>();
  private readonly types = new Map<ApexParserRuleContext, ApexType | undefined>();
  private currentClass: ApexClassInfo | undefined;
  private triggerObject: string | undefined;

  constructor(
    private readonly model: SchemaModel,
    private readonly classes: ApexClassIndex
  ) {}

  run(parsed: ParsedApexFile): ApexReference[] {
    this.visit(parsed.tree, new Scope());
    return this.references;
  }

  // ---- recording

  private add(kind: ApexReferenceKind, node: ApexParserRuleContext, target: SchemaTarget): void {
    const where = this.fixedLocation ?? { line: node.start.line, column: node.start.column + 1 };
    this.references.push({ kind, line: where.line, column: where.column, target });
  }

  /** An SObject type name (the `Name` stand-in for polymorphic references is no type Apex can name). */
  private isObjectName(name: string): boolean {
    if (name.toLowerCase() === POLYMORPHIC_TARGET.toLowerCase()) return false;
    return this.model.hasObject(name) || SCHEMA_SUFFIX.test(name);
  }

  // ---- the walk

  private visit(node: ApexParseTree, scope: Scope): void {
    if (!isRule(node)) return;
    if (node instanceof TriggerUnitContext) {
      const object = node.id(1);
      if (object) {
        this.triggerObject = object.getText();
        this.add('apex', object, { kind: 'object', object: object.getText() });
      }
      this.visitChildren(node, scope);
      return;
    }
    if (node instanceof ClassDeclarationContext || node instanceof InterfaceDeclarationContext) {
      this.visitClass(node, scope);
      return;
    }
    if (node instanceof MethodDeclarationContext || node instanceof ConstructorDeclarationContext) {
      const inner = new Scope(scope);
      for (const parameter of node.formalParameters()?.formalParameterList()?.formalParameter_list() ?? []) {
        this.declareParameter(parameter, inner);
      }
      this.visitChildren(node, inner);
      return;
    }
    if (
      node instanceof BlockContext ||
      node instanceof ForStatementContext ||
      node instanceof CatchClauseContext
    ) {
      const inner = new Scope(scope);
      if (node instanceof CatchClauseContext && node.id()) {
        inner.declare(node.id().getText(), undefined);
      }
      this.visitChildren(node, inner);
      return;
    }
    if (node instanceof WhenControlContext) {
      const inner = new Scope(scope);
      const value = node.whenValue();
      if (value?.typeRef() && value.id()) {
        inner.declare(value.id().getText(), this.typeOfRef(value.typeRef()));
      }
      this.visitChildren(node, inner);
      return;
    }
    if (node instanceof EnhancedForControlContext) {
      this.visit(node.typeRef(), scope);
      this.visit(node.expression(), scope);
      scope.declare(node.id().getText(), this.typeOfRef(node.typeRef()));
      return;
    }
    if (node instanceof LocalVariableDeclarationContext) {
      const type = this.typeOfRef(node.typeRef());
      this.visit(node.typeRef(), scope);
      for (const declarator of node.variableDeclarators().variableDeclarator_list()) {
        scope.declare(declarator.id().getText(), type);
        if (declarator.expression()) this.visit(declarator.expression(), scope);
      }
      return;
    }
    if (node instanceof SetterContext) {
      const property = node.parentCtx?.parentCtx;
      const inner = new Scope(scope);
      if (property instanceof PropertyDeclarationContext) {
        inner.declare('value', this.typeOfRef(property.typeRef()));
      }
      this.visitChildren(node, inner);
      return;
    }
    if (node instanceof TypeRefContext) {
      this.checkTypeRef(node);
    } else if (node instanceof DotExpressionContext) {
      this.checkDot(node, scope);
    } else if (node instanceof IdPrimaryContext) {
      this.checkIdentifier(node, scope);
    } else if (node instanceof CreatorContext) {
      this.checkCreator(node);
    } else if (node instanceof QueryContext) {
      this.query(node, 'soql');
    } else if (node instanceof SoslLiteralContext) {
      this.sosl(node);
    } else if (node instanceof LiteralContext) {
      this.dynamicSoql(node);
    }
    this.visitChildren(node, scope);
  }

  private visitChildren(node: ApexParserRuleContext, scope: Scope): void {
    for (const child of childrenOf(node)) {
      this.visit(child, scope);
    }
  }

  private visitClass(node: ClassDeclarationContext | InterfaceDeclarationContext, scope: Scope): void {
    const outer = this.currentClass;
    const name = node.id().getText();
    this.currentClass = outer ? outer.inner.get(name.toLowerCase()) : this.classes.find(name);
    const classScope = new Scope(scope);
    if (node instanceof ClassDeclarationContext) {
      // Fields and properties are visible in the whole class body, before their declaration too.
      for (const body of node.classBody()?.classBodyDeclaration_list() ?? []) {
        const member = body.memberDeclaration();
        const field = member?.fieldDeclaration();
        const property = member?.propertyDeclaration();
        if (field) {
          const type = this.typeOfRef(field.typeRef());
          for (const declarator of field.variableDeclarators().variableDeclarator_list()) {
            classScope.declare(declarator.id().getText(), type);
          }
        } else if (property) {
          classScope.declare(property.id().getText(), this.typeOfRef(property.typeRef()));
        }
      }
    }
    this.visitChildren(node, classScope);
    this.currentClass = outer;
  }

  private declareParameter(parameter: FormalParameterContext, scope: Scope): void {
    scope.declare(parameter.id().getText(), this.typeOfRef(parameter.typeRef()));
  }

  // ---- checks on Apex constructs

  private checkTypeRef(node: TypeRefContext): void {
    const names = node.typeName_list().map((typeName) => typeName.id()?.getText());
    const [first, second] = names;
    if (names.length === 1 && first && SCHEMA_SUFFIX.test(first)) {
      this.add('apex', node, { kind: 'object', object: first });
    } else if (
      names.length === 2 &&
      first?.toLowerCase() === 'schema' &&
      second &&
      this.isObjectName(second)
    ) {
      this.add('apex', node, { kind: 'object', object: second });
    }
  }

  private checkIdentifier(node: IdPrimaryContext, scope: Scope): void {
    if (this.consumed.has(node)) return;
    const name = node.id().getText();
    if (!SCHEMA_SUFFIX.test(name) || scope.lookup(name).found) return;
    this.add('apex', node, { kind: 'object', object: name });
  }

  private checkCreator(node: CreatorContext): void {
    const pairs = node.createdName().idCreatedNamePair_list();
    const only = pairs.length === 1 ? pairs[0] : undefined;
    if (!only || only.typeList()) return;
    const object = only.anyId().getText();
    if (!this.isObjectName(object)) return;
    if (SCHEMA_SUFFIX.test(object)) {
      this.add('apex', only, { kind: 'object', object });
    }
    const known = this.model.hasObject(object);
    for (const argument of node.classCreatorRest()?.arguments()?.expressionList()?.expression_list() ?? []) {
      if (!(argument instanceof AssignExpressionContext)) continue;
      const left = argument.expression(0);
      const primary = left instanceof PrimaryExpressionContext ? left.primary() : undefined;
      if (primary instanceof IdPrimaryContext) {
        this.consumed.add(primary);
        if (known) {
          this.add('apex', primary, {
            kind: 'field',
            object,
            path: [primary.id().getText()],
            allowRelationshipEnd: true
          });
        }
      }
    }
  }

  private checkDot(node: DotExpressionContext, scope: Scope): void {
    const member = node.anyId();
    if (!member) return;
    const name = member.getText();
    const left = this.typeOf(node.expression(), scope);
    if (!left) return;
    switch (left.t) {
      case 'record':
      case 'query':
        if (this.model.hasObject(left.object)) {
          this.add('apex', member, {
            kind: 'field',
            object: left.object,
            path: [name],
            allowRelationshipEnd: true
          });
        }
        return;
      case 'sobjectType':
        if (name.toLowerCase() !== 'sobjecttype' && this.model.hasObject(left.object)) {
          this.add('apex', member, { kind: 'field', object: left.object, path: [name] });
        }
        return;
      case 'describeRoot':
        this.add('apex', member, { kind: 'object', object: name });
        return;
      case 'describeFields':
        if (this.model.hasObject(left.object)) {
          this.add('apex', member, { kind: 'field', object: left.object, path: [name] });
        }
        return;
      case 'schema':
        if (name.toLowerCase() !== 'sobjecttype' && this.isObjectName(name)) {
          this.add('apex', member, { kind: 'object', object: name });
        }
        return;
      default:
        return;
    }
  }

  // ---- typing

  private typeOfRef(ref: TypeRefContext | null | undefined): ApexType | undefined {
    return ref ? this.typeOfExpr(typeExprOf(ref)) : undefined;
  }

  private typeOfExpr(type: TypeExpr | undefined): ApexType | undefined {
    if (!type) return undefined;
    const lower = type.name.toLowerCase();
    if (type.array) {
      return { t: 'list', of: this.typeOfExpr({ ...type, array: false }) };
    }
    if (lower === 'list' || lower === 'set') {
      return { t: 'list', of: this.typeOfExpr(type.args[0]) };
    }
    if (lower === 'map') {
      return { t: 'map', value: this.typeOfExpr(type.args[1]) };
    }
    const bare = lower.startsWith('schema.') ? type.name.slice('schema.'.length) : type.name;
    if (this.isObjectName(bare)) {
      return { t: 'record', object: this.canonicalObject(bare) };
    }
    const cls = this.classes.resolve(type.name, this.currentClass);
    return cls ? { t: 'instance', cls } : undefined;
  }

  private canonicalObject(name: string): string {
    return this.model.object(name)?.apiName ?? name;
  }

  private typeOf(expression: ExpressionContext | null | undefined, scope: Scope): ApexType | undefined {
    if (!expression) return undefined;
    if (this.types.has(expression)) return this.types.get(expression);
    const type = this.computeType(expression, scope);
    this.types.set(expression, type);
    return type;
  }

  private computeType(expression: ExpressionContext, scope: Scope): ApexType | undefined {
    if (expression instanceof PrimaryExpressionContext) {
      const primary = expression.primary();
      if (primary instanceof IdPrimaryContext) {
        const name = primary.id().getText();
        const variable = scope.lookup(name);
        return variable.found ? variable.type : this.staticName(name);
      }
      if (primary instanceof ThisPrimaryContext) {
        return this.currentClass ? { t: 'instance', cls: this.currentClass } : undefined;
      }
      if (primary instanceof SoqlPrimaryContext) {
        const query = primary.soqlLiteral()?.query();
        const from = query?.fromNameList()?.fieldName(0)?.getText();
        const aggregate = query
          ?.selectList()
          ?.selectEntry_list()
          .some((entry) => entry.soqlFunction());
        return from && !aggregate && !from.includes('.')
          ? { t: 'query', object: this.canonicalObject(from) }
          : undefined;
      }
      return undefined;
    }
    if (expression instanceof DotExpressionContext) {
      const left = this.typeOf(expression.expression(), scope);
      const call = expression.dotMethodCall();
      if (call) return this.methodResult(left, call.anyId().getText());
      const member = expression.anyId();
      return member ? this.memberType(left, member.getText()) : undefined;
    }
    if (expression instanceof ArrayExpressionContext) {
      const left = this.typeOf(expression.expression(0), scope);
      return left?.t === 'list'
        ? left.of
        : left?.t === 'query'
          ? { t: 'record', object: left.object }
          : undefined;
    }
    if (expression instanceof MethodCallExpressionContext) {
      const name = expression.methodCall()?.id()?.getText();
      return name && this.currentClass ? this.classMethodResult(this.currentClass, name) : undefined;
    }
    if (expression instanceof NewExpressionContext) {
      const creator = expression.creator();
      const pairs = creator.createdName().idCreatedNamePair_list();
      const name = pairs.map((pair) => pair.anyId().getText()).join('.');
      const args = pairs[pairs.length - 1]?.typeList()?.typeRef_list().map(typeExprOf) ?? [];
      const array = Boolean(creator.arrayCreatorRest());
      return this.typeOfExpr({ name, args, array });
    }
    if (expression instanceof CastExpressionContext) {
      return this.typeOfRef(expression.typeRef());
    }
    if (expression instanceof SubExpressionContext) {
      return this.typeOf(expression.expression(), scope);
    }
    if (expression instanceof CoalExpressionContext) {
      return this.typeOf(expression.expression(0), scope);
    }
    if (expression instanceof CondExpressionContext) {
      return this.typeOf(expression.expression(1), scope);
    }
    if (expression instanceof AssignExpressionContext) {
      return this.typeOf(expression.expression(0), scope);
    }
    return undefined;
  }

  /** A name that is not a variable: an SObject type, `Schema`, `Trigger`, or a class. */
  private staticName(name: string): ApexType | undefined {
    const lower = name.toLowerCase();
    if (lower === 'schema') return { t: 'schema' };
    if (lower === 'sobjecttype') return { t: 'describeRoot' };
    if (lower === 'trigger') return { t: 'trigger', object: this.triggerObject };
    if (this.isObjectName(name)) return { t: 'sobjectType', object: this.canonicalObject(name) };
    const cls = this.classes.resolve(name, this.currentClass);
    return cls ? { t: 'class', cls } : undefined;
  }

  private memberType(left: ApexType | undefined, name: string): ApexType | undefined {
    if (!left) return undefined;
    const lower = name.toLowerCase();
    switch (left.t) {
      case 'record':
      case 'query': {
        const child = this.model.childRelationship(left.object, name);
        if (child) return { t: 'list', of: { t: 'record', object: this.canonicalObject(child.childObject) } };
        const relationship = this.model.relationship(left.object, name);
        if (!relationship) return undefined;
        const target =
          relationship.referenceTo.length === 1 ? relationship.referenceTo[0] : POLYMORPHIC_TARGET;
        return target ? { t: 'record', object: this.canonicalObject(target) } : undefined;
      }
      case 'sobjectType':
        return lower === 'sobjecttype' ? { t: 'token', object: left.object } : undefined;
      case 'describeRoot':
        return { t: 'describe', object: this.canonicalObject(name) };
      case 'describe':
        return lower === 'fields' ? { t: 'describeFields', object: left.object } : undefined;
      case 'schema':
        if (lower === 'sobjecttype') return { t: 'describeRoot' };
        return this.isObjectName(name) ? { t: 'sobjectType', object: this.canonicalObject(name) } : undefined;
      case 'trigger':
        if (!left.object) return undefined;
        if (lower === 'new' || lower === 'old')
          return { t: 'list', of: { t: 'record', object: left.object } };
        if (lower === 'newmap' || lower === 'oldmap')
          return { t: 'map', value: { t: 'record', object: left.object } };
        return undefined;
      case 'instance':
      case 'class': {
        const member = this.classes.member(left.cls, name);
        if (member) return this.inClass(member.owner, () => this.typeOfExpr(member.type));
        const inner = left.t === 'class' ? left.cls.inner.get(lower) : undefined;
        return inner ? { t: 'class', cls: inner } : undefined;
      }
      default:
        return undefined;
    }
  }

  private methodResult(left: ApexType | undefined, name: string): ApexType | undefined {
    if (!left) return undefined;
    const lower = name.toLowerCase();
    switch (left.t) {
      case 'list':
        if (lower === 'get' || lower === 'remove') return left.of;
        if (lower === 'clone' || lower === 'deepclone') return left;
        return undefined;
      case 'query':
        if (lower === 'get' || lower === 'remove') return { t: 'record', object: left.object };
        return undefined;
      case 'map':
        if (lower === 'get' || lower === 'remove') return left.value;
        if (lower === 'values') return { t: 'list', of: left.value };
        if (lower === 'clone' || lower === 'deepclone') return left;
        return undefined;
      case 'sobjectType':
        if (lower === 'getinstance' || lower === 'getorgdefaults' || lower === 'getvalues') {
          return { t: 'record', object: left.object };
        }
        if (lower === 'getall') return { t: 'map', value: { t: 'record', object: left.object } };
        return undefined;
      case 'token':
        if (lower === 'getdescribe') return { t: 'describe', object: left.object };
        if (lower === 'newsobject') return { t: 'record', object: left.object };
        return undefined;
      case 'record':
        return lower === 'clone' ? left : undefined;
      case 'instance':
      case 'class':
        return this.classMethodResult(left.cls, name);
      default:
        return undefined;
    }
  }

  private classMethodResult(cls: ApexClassInfo, name: string): ApexType | undefined {
    const methods = this.classes.methods(cls, name);
    const returnTypes = new Set(methods.map((method) => JSON.stringify(method.returnType ?? null)));
    const method = methods[0];
    if (!method?.returnType || returnTypes.size !== 1) return undefined;
    return this.inClass(cls, () => this.typeOfExpr(method.returnType));
  }

  /** Resolves a type as written inside another class (its inner class names). */
  private inClass<T>(cls: ApexClassInfo, compute: () => T): T {
    const saved = this.currentClass;
    this.currentClass = cls;
    try {
      return compute();
    } finally {
      this.currentClass = saved;
    }
  }

  // ---- SOQL and SOSL

  query(node: QueryContext | SubQueryContext, kind: ApexReferenceKind, fromObject?: string): void {
    const from = node.fromNameList();
    const fromField = from?.fieldName(0);
    if (!from || !fromField) return;
    const alias = from.soqlId(0)?.getText();
    let object = fromObject;
    if (!object) {
      const name = fromField.getText();
      this.add(kind, fromField, { kind: 'object', object: name });
      if (!this.model.hasObject(name)) return;
      object = this.canonicalObject(name);
    }
    const clauses: Array<ApexParserRuleContext | null | undefined> =
      node instanceof QueryContext
        ? [
            node.selectList(),
            node.whereClause(),
            node.withClause(),
            node.groupByClause(),
            node.orderByClause()
          ]
        : [node.subFieldList(), node.whereClause(), node.orderByClause()];
    for (const clause of clauses) {
      if (clause) this.collectSoql(clause, object, alias, kind);
    }
  }

  private collectSoql(
    node: ApexParseTree,
    object: string,
    alias: string | undefined,
    kind: ApexReferenceKind
  ): void {
    if (!isRule(node) || node instanceof BoundExpressionContext) return;
    if (node instanceof FieldNameContext) {
      this.soqlField(node, object, alias, kind);
      return;
    }
    if (node instanceof SubQueryContext) {
      this.subQuery(node, object, kind);
      return;
    }
    if (node instanceof TypeOfContext) {
      this.typeOfClause(node, object, kind);
      return;
    }
    for (const child of childrenOf(node)) {
      this.collectSoql(child, object, alias, kind);
    }
  }

  private soqlField(
    node: FieldNameContext,
    object: string,
    alias: string | undefined,
    kind: ApexReferenceKind
  ): void {
    let path = node.soqlId_list().map((id) => id.getText());
    const first = path[0]?.toLowerCase();
    if (
      path.length > 1 &&
      (first === alias?.toLowerCase() || first === object.toLowerCase()) &&
      !this.model.relationship(object, path[0] ?? '')
    ) {
      path = path.slice(1);
    }
    this.add(kind, node, { kind: 'field', object, path });
  }

  private subQuery(node: SubQueryContext, outer: string, kind: ApexReferenceKind): void {
    const fromField = node.fromNameList()?.fieldName(0);
    if (!fromField) return;
    const name = fromField.getText();
    const inSelect =
      node.parentCtx instanceof SelectEntryContext || node.parentCtx instanceof SubFieldEntryContext;
    if (inSelect) {
      const relationshipName = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
      this.add(kind, fromField, { kind: 'childRelationship', object: outer, name: relationshipName });
      const child = this.model.childRelationship(outer, relationshipName);
      if (child && this.model.hasObject(child.childObject)) {
        this.query(node, kind, this.canonicalObject(child.childObject));
      }
      return;
    }
    this.add(kind, fromField, { kind: 'object', object: name });
    if (this.model.hasObject(name)) {
      this.query(node, kind, this.canonicalObject(name));
    }
  }

  private typeOfClause(node: TypeOfContext, object: string, kind: ApexReferenceKind): void {
    const relationship = node.fieldName();
    this.add(kind, relationship, {
      kind: 'field',
      object,
      path: relationship.soqlId_list().map((id) => id.getText()),
      allowRelationshipEnd: true
    });
    for (const when of node.whenClause_list()) {
      const type = when.fieldName().getText();
      this.add(kind, when.fieldName(), { kind: 'object', object: type });
      if (!this.model.hasObject(type)) continue;
      for (const field of when.fieldNameList().fieldName_list()) {
        this.soqlField(field, this.canonicalObject(type), undefined, kind);
      }
    }
    const otherwise = node.elseClause();
    if (otherwise && this.model.hasObject(POLYMORPHIC_TARGET)) {
      for (const field of otherwise.fieldNameList().fieldName_list()) {
        this.soqlField(field, POLYMORPHIC_TARGET, undefined, kind);
      }
    }
  }

  private sosl(node: SoslLiteralContext): void {
    const specs: FieldSpecContext[] = [];
    const collect = (current: ApexParseTree): void => {
      if (!isRule(current) || current instanceof BoundExpressionContext) return;
      if (current instanceof FieldSpecContext) specs.push(current);
      childrenOf(current).forEach(collect);
    };
    collect(node.soslClauses());
    for (const spec of specs) {
      const objectNode = spec.soslId(0);
      if (!objectNode) continue;
      const object = objectNode.getText();
      this.add('sosl', objectNode, { kind: 'object', object });
      if (!this.model.hasObject(object)) continue;
      const canonical = this.canonicalObject(object);
      const fieldLists: FieldListContext[] = [];
      const gather = (list: FieldListContext | null | undefined): void => {
        if (!list) return;
        fieldLists.push(list);
        list.fieldList_list().forEach(gather);
      };
      gather(spec.fieldList());
      for (const list of fieldLists) {
        const field = list.soslId(0);
        if (field) {
          this.add('sosl', field, { kind: 'field', object: canonical, path: field.getText().split('.') });
        }
        const fn: SoqlFunctionContext | null = list.soqlFunction();
        if (fn) this.collectSoql(fn, canonical, undefined, 'sosl');
      }
      for (const clause of [spec.logicalExpression(), spec.fieldOrderList()]) {
        if (clause) this.collectSoql(clause, canonical, undefined, 'sosl');
      }
    }
  }

  /** A string literal that is a complete SOQL query: `Database.query('SELECT Id FROM Foo__c')`. */
  private dynamicSoql(node: LiteralContext): void {
    const token = node.StringLiteral();
    if (!token) return;
    const raw = token.getText();
    const text = raw
      .slice(1, -1)
      .replace(/\\(.)/g, (_match, escaped: string) => (escaped === 'n' || escaped === 't' ? ' ' : escaped));
    const references = extractSoqlText(text, this.model, {
      line: node.start.line,
      column: node.start.column + 1
    });
    if (references) this.references.push(...references);
  }
}
