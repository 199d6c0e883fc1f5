// @serialport/binding-mock ships type declarations but its package.json "exports" does not
// point at them, so TypeScript cannot find them. These are the parts the tests use,
// copied from its dist/index.d.ts (v10.2.2).

declare module '@serialport/binding-mock' {
  import type { BindingInterface, BindingPortInterface, OpenOptions, PortInfo } from '@serialport/bindings-interface';

  export interface CreatePortOptions {
    echo?: boolean;
    record?: boolean;
    readyData?: Buffer;
    maxReadSize?: number;
    manufacturer?: string;
    vendorId?: string;
    productId?: string;
  }

  export interface MockPortInternal {
    data: Buffer;
    echo: boolean;
    record: boolean;
    info: PortInfo;
    maxReadSize: number;
    readyData?: Buffer;
    openOpt?: OpenOptions;
  }

  export interface MockPortBinding extends BindingPortInterface {
    readonly port: MockPortInternal;
    lastWrite: null | Buffer;
    recording: Buffer;
    isOpen: boolean;
    emitData(data: Buffer | string): void;
  }

  export interface MockBindingInterface extends BindingInterface<MockPortBinding> {
    reset(): void;
    createPort(path: string, opt?: CreatePortOptions): void;
  }

  export const MockBinding: MockBindingInterface;
}
